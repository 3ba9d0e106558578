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
/// so it needs no lock. Time is the endpoint's clock, so a test's fake clock refills the bucket.
/// </summary>
/// <remarks>
/// <see cref="TokenBucketRateLimiter"/> without auto-replenishment was the first choice, but its
/// <c>TryReplenish</c> leaves the timestamp of a full bucket untouched, so the first refill after an
/// idle while counts the whole idle time again: a burst then gets one message more than the limit.
/// </remarks>
internal sealed class InboundRateLimit(TokenBucketRateLimiterOptions options, int maxRefusals, TimeSpan refusalWindow, TimeProvider time)
{
    private readonly double _tokensPerTick = options.TokensPerPeriod / (double)options.ReplenishmentPeriod.Ticks;
    private double _tokens = options.TokenLimit;
    private long _refilledAt = time.GetTimestamp();
    private long _windowStart = time.GetTimestamp();
    private int _refusalsInWindow;

    /// <summary>Takes a token for one message, or counts its refusal.</summary>
    public Admission Admit()
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(options.TokenLimit, _tokens + (time.GetElapsedTime(_refilledAt, now).Ticks * _tokensPerTick));
        _refilledAt = now;
        if (_tokens >= 1)
        {
            _tokens -= 1;
            return Admission.Allowed;
        }
        if (time.GetElapsedTime(_windowStart, now) > refusalWindow)
        {
            _windowStart = now;
            _refusalsInWindow = 0;
        }
        return ++_refusalsInWindow <= maxRefusals ? Admission.Refused : Admission.Evicted;
    }
}
