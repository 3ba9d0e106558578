namespace TypedSockets;

/// <summary>Limits and timings of TypedSockets endpoints. Every default is safe for production.</summary>
public sealed class TypedSocketsOptions
{
    /// <summary>
    /// The largest inbound message, reassembled from its frames, in bytes; a larger one closes the
    /// connection with 1009. Default 32 KiB.
    /// </summary>
    public int MaxMessageSize { get; set; } = 32 * 1024;

    /// <summary>
    /// How many frames may wait in one client's outbound queue. When it is full the client is a slow
    /// consumer: it is closed with 1008 so it cannot hold memory or the others back. Default 1024.
    /// </summary>
    public int SendQueueCapacity { get; set; } = 1024;

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

    /// <summary>How long the server waits for queued frames and the closing handshake before it aborts a connection. Default 5 s.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How far a <c>ReadEventsAsync</c> reader may fall behind before the oldest events are dropped. Default 1024.</summary>
    public int SubscriberQueueCapacity { get; set; } = 1024;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessageSize, 64, nameof(MaxMessageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(SendQueueCapacity, 1, nameof(SendQueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(SubscriberQueueCapacity, 1, nameof(SubscriberQueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(CloseTimeout, TimeSpan.Zero, nameof(CloseTimeout));
    }
}
