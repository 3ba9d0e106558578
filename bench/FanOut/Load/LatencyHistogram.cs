using System.Diagnostics;

namespace FanOut.Load;

/// <summary>
/// Send-to-receive latencies in microseconds, in log-linear buckets (16 per power of two, so a
/// percentile is within about 6 %), recorded from many receive loops at once without allocating.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 4;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int MaxExponent = 40;

    private readonly long[] _counts = new long[(MaxExponent + 1) * SubBuckets];
    private long _count;
    private long _maxMicroseconds;

    public long Count => Volatile.Read(ref _count);

    public double MaxMilliseconds => Volatile.Read(ref _maxMicroseconds) / 1000.0;

    public void Record(long stopwatchTicks)
    {
        var microseconds = Math.Max(0, stopwatchTicks * 1_000_000 / Stopwatch.Frequency);
        Interlocked.Increment(ref _counts[Index(microseconds)]);
        Interlocked.Increment(ref _count);
        var max = Volatile.Read(ref _maxMicroseconds);
        while (microseconds > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxMicroseconds, microseconds, max);
            if (seen == max)
            {
                break;
            }
            max = seen;
        }
    }

    /// <summary>The latency at <paramref name="percentile"/> (0–100), in milliseconds, the upper edge of its bucket.</summary>
    public double PercentileMilliseconds(double percentile)
    {
        var total = Count;
        if (total == 0)
        {
            return double.NaN;
        }
        var rank = (long)Math.Ceiling(total * percentile / 100.0);
        long seen = 0;
        for (var index = 0; index < _counts.Length; index++)
        {
            seen += Volatile.Read(ref _counts[index]);
            if (seen >= Math.Max(rank, 1))
            {
                return Math.Min(UpperEdge(index), Volatile.Read(ref _maxMicroseconds)) / 1000.0;
            }
        }
        return MaxMilliseconds;
    }

    // Values below 16 µs have a bucket each; above, bucket = (exponent, top four bits below the leading one).
    private static int Index(long microseconds)
    {
        if (microseconds < SubBuckets)
        {
            return (int)microseconds;
        }
        var exponent = Math.Min(63 - long.LeadingZeroCount(microseconds), MaxExponent);
        var sub = (int)(microseconds >> (int)(exponent - SubBucketBits)) & (SubBuckets - 1);
        return (int)((exponent - SubBucketBits + 1) * SubBuckets) + sub;
    }

    private static long UpperEdge(int index)
    {
        if (index < SubBuckets)
        {
            return index;
        }
        var exponent = (index / SubBuckets) + SubBucketBits - 1;
        var sub = index % SubBuckets;
        return ((long)(SubBuckets + sub + 1) << (exponent - SubBucketBits)) - 1;
    }
}
