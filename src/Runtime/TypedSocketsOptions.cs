using System.Threading.RateLimiting;

namespace TypedSockets;

/// <summary>
/// Limits and timings of TypedSockets endpoints. Every default is safe for production;
/// docs/security.md says what each one protects against.
/// </summary>
public sealed class TypedSocketsOptions
{
    /// <summary>
    /// The largest inbound message, reassembled from its frames, in bytes; a larger one closes the
    /// connection with 1009. Default 32 KiB.
    /// </summary>
    public int MaxMessageSize { get; set; } = 32 * 1024;

    /// <summary>
    /// The most reads one inbound message may take. Each WebSocket frame takes at least one, so
    /// this bounds the fragments a client can split a message into (a flood of tiny frames costs
    /// the server far more than their bytes); more closes the connection with 1008. Default 1024.
    /// </summary>
    public int MaxFragmentsPerMessage { get; set; } = 1024;

    /// <summary>
    /// How many frames may wait in one client's outbound queue. Default 1024. When the queue is
    /// full (in frames or in <see cref="SendQueueByteLimit"/>), the client is a slow consumer and
    /// <see cref="SlowConsumerPolicy"/> applies.
    /// </summary>
    public int SendQueueCapacity { get; set; } = 1024;

    /// <summary>
    /// How many bytes of frames may wait in one client's outbound queue. Default 4 MiB. A single
    /// frame larger than this is still queued when the queue is empty, so it is never undeliverable.
    /// </summary>
    public long SendQueueByteLimit { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// What happens to a client whose outbound queue is full, unless its endpoint says otherwise
    /// with <see cref="SocketEndpointAttribute.SlowConsumerPolicy"/>. Default
    /// <see cref="TypedSockets.SlowConsumerPolicy.Disconnect"/>. Volatile events
    /// (<see cref="SocketEventAttribute.Volatile"/>) never disconnect a client.
    /// </summary>
    public SlowConsumerPolicy SlowConsumerPolicy { get; set; } = SlowConsumerPolicy.Disconnect;

    /// <summary>
    /// The inbound rate limit of each connection, a token bucket: one token per message. A message
    /// without a token is refused with the error <c>rate_limited</c>. Default: bursts of 100, then
    /// 50 messages a second. <see langword="null"/> turns rate limiting off.
    /// </summary>
    /// <remarks>Only <see cref="TokenBucketRateLimiterOptions.TokenLimit"/>,
    /// <see cref="TokenBucketRateLimiterOptions.TokensPerPeriod"/> and
    /// <see cref="TokenBucketRateLimiterOptions.ReplenishmentPeriod"/> are read: messages are never
    /// queued, and tokens are refilled continuously as messages arrive, without a timer per connection.</remarks>
    public TokenBucketRateLimiterOptions? RateLimit { get; set; } = new()
    {
        TokenLimit = 100,
        TokensPerPeriod = 50,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = false,
    };

    /// <summary>
    /// How many messages refused by <see cref="RateLimit"/> within <see cref="RateLimitWindow"/>
    /// make a client an abuser, closed with 1008. Default 100.
    /// </summary>
    public int MaxRateLimitedMessages { get; set; } = 100;

    /// <summary>The window <see cref="MaxRateLimitedMessages"/> counts in. Default 10 s.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many of one client's events may be handled at once. Default 1: a client's events are
    /// handled one after the other, in the order sent. While the limit is reached the connection
    /// stops reading, so a client cannot pile up work.
    /// </summary>
    public int MaxConcurrentHandlers { get; set; } = 1;

    /// <summary>
    /// How many WebSocket connections one endpoint accepts at once; the next handshake gets 503.
    /// Default 10,000.
    /// </summary>
    public int MaxConnections { get; set; } = 10_000;

    /// <summary>
    /// Whether a handshake whose client presents another contract hash than the endpoint's
    /// (<c>?ts-contract=…</c>, sent by generated clients) is refused with 409. Either way the
    /// mismatch is logged and counted (<c>typedsockets.contract.mismatches</c>); clients that
    /// present no hash are not checked. Default <see langword="false"/>: an older client may still
    /// work against a compatible server.
    /// </summary>
    public bool RefuseContractMismatch { get; set; }

    /// <summary>
    /// Origins, besides the server's own, whose browser pages may open connections, such as
    /// <c>https://app.example.com</c>; <c>*</c> allows every origin. A handshake with another
    /// <c>Origin</c> gets 403, which stops cross-site WebSocket hijacking. Clients that send no
    /// <c>Origin</c> (apps, servers, tools) are not browsers acting for a user and are allowed.
    /// Default: none.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>
    /// How long the server's side of a connection may stay silent before it sends a keep-alive
    /// ping (the WebSocket layer checks on a coarse timer, so a ping may come a few seconds
    /// later). Default 15 s.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a client has to answer a keep-alive ping with a pong before its connection is
    /// aborted, which also cleans up half-open connections. Default 30 s.
    /// </summary>
    public TimeSpan ClientTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the server waits for queued frames and the closing handshake before it aborts a
    /// connection, also on shutdown. Default 5 s.
    /// </summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How far a <c>ReadEventsAsync</c> reader may fall behind before the oldest events are dropped. Default 1024.</summary>
    public int SubscriberQueueCapacity { get; set; } = 1024;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessageSize, 64, nameof(MaxMessageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFragmentsPerMessage, 1, nameof(MaxFragmentsPerMessage));
        ArgumentOutOfRangeException.ThrowIfLessThan(SendQueueCapacity, 1, nameof(SendQueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(SendQueueByteLimit, 1, nameof(SendQueueByteLimit));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRateLimitedMessages, 1, nameof(MaxRateLimitedMessages));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RateLimitWindow, TimeSpan.Zero, nameof(RateLimitWindow));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentHandlers, 1, nameof(MaxConcurrentHandlers));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConnections, 1, nameof(MaxConnections));
        ArgumentOutOfRangeException.ThrowIfLessThan(SubscriberQueueCapacity, 1, nameof(SubscriberQueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(CloseTimeout, TimeSpan.Zero, nameof(CloseTimeout));
        if (RateLimit is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit.TokenLimit, 1, "RateLimit.TokenLimit");
            ArgumentOutOfRangeException.ThrowIfLessThan(limit.TokensPerPeriod, 1, "RateLimit.TokensPerPeriod");
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit.ReplenishmentPeriod, TimeSpan.Zero, "RateLimit.ReplenishmentPeriod");
        }
    }
}

/// <summary>What happens to a client whose outbound queue is full.</summary>
public enum SlowConsumerPolicy
{
    /// <summary>The client is closed with 1008 "slow consumer"; what was queued for it is dropped.</summary>
    Disconnect,

    /// <summary>The oldest queued frames are dropped to make room; the client stays connected.</summary>
    DropOldest,
}
