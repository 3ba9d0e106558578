using System.Diagnostics;
using System.Threading.RateLimiting;

namespace TypedSockets.Connections;

/// <summary>What the rate limit makes of one inbound message.</summary>
internal enum Admission
{
    /// <summary>Handle it.</summary>
    Allowed,

    /// <summary>Answer it with <c>rate_limited</c>.</summary>
    Refused,

    /// <summary>Refused too often within the window: close the connection.</summary>
    Evicted,
}

/// <summary>
/// One connection's rate limit: a token bucket configured with <see cref="TokenBucketRateLimiterOptions"/>
/// and refilled as messages arrive (so an idle connection costs no timer), and a count of refusals
/// in a fixed window that turns sustained abuse into an eviction. Used by the receive loop alone,
/// so it needs no lock.
/// </summary>
/// <remarks>
/// <see cref="TokenBucketRateLimiter"/> without auto-replenishment was the first choice, but its
/// <c>TryReplenish</c> leaves the timestamp of a full bucket untouched, so the first refill after an
/// idle while counts the whole idle time again: a burst then gets one message more than the limit.
/// </remarks>
internal sealed class InboundRateLimit(TokenBucketRateLimiterOptions options, int maxRefusals, TimeSpan refusalWindow)
{
    private readonly double _tokensPerTick = options.TokensPerPeriod / (double)options.ReplenishmentPeriod.Ticks;
    private double _tokens = options.TokenLimit;
    private long _refilledAt = Stopwatch.GetTimestamp();
    private long _windowStart = Stopwatch.GetTimestamp();
    private int _refusalsInWindow;

    /// <summary>Takes a token for one message, or counts its refusal.</summary>
    public Admission Admit()
    {
        var now = Stopwatch.GetTimestamp();
        _tokens = Math.Min(options.TokenLimit, _tokens + (Stopwatch.GetElapsedTime(_refilledAt, now).Ticks * _tokensPerTick));
        _refilledAt = now;
        if (_tokens >= 1)
        {
            _tokens -= 1;
            return Admission.Allowed;
        }
        if (Stopwatch.GetElapsedTime(_windowStart, now) > refusalWindow)
        {
            _windowStart = now;
            _refusalsInWindow = 0;
        }
        return ++_refusalsInWindow <= maxRefusals ? Admission.Refused : Admission.Evicted;
    }
}
