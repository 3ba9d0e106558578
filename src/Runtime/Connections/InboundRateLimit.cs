using System.Diagnostics;
using System.Threading.RateLimiting;

namespace TypedSockets.Connections;

/// <summary>
/// One connection's token bucket, configured with <see cref="TokenBucketRateLimiterOptions"/> and
/// refilled as messages arrive, so an idle connection costs no timer. It is used by the receive
/// loop alone and needs no lock.
/// </summary>
/// <remarks>
/// <see cref="TokenBucketRateLimiter"/> without auto-replenishment was the first choice, but its
/// <c>TryReplenish</c> leaves the timestamp of a full bucket untouched, so the first refill after an
/// idle while counts the whole idle time again: a burst then gets one message more than the limit.
/// </remarks>
internal sealed class InboundRateLimit(TokenBucketRateLimiterOptions options)
{
    private readonly double _tokensPerTick = options.TokensPerPeriod / (double)options.ReplenishmentPeriod.Ticks;
    private double _tokens = options.TokenLimit;
    private long _refilledAt = Stopwatch.GetTimestamp();

    /// <summary>Takes a token for one message; false when the bucket is empty.</summary>
    public bool TryTake()
    {
        var now = Stopwatch.GetTimestamp();
        _tokens = Math.Min(options.TokenLimit, _tokens + (Stopwatch.GetElapsedTime(_refilledAt, now).Ticks * _tokensPerTick));
        _refilledAt = now;
        if (_tokens < 1)
        {
            return false;
        }
        _tokens -= 1;
        return true;
    }
}
