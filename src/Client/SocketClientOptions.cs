using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace TypedSockets.Client;

/// <summary>
/// How a typed client connects, reconnects, waits and logs. Every default suits a long-lived
/// client of a production server; docs/client.md says what each one is for.
/// </summary>
public sealed class SocketClientOptions
{
    /// <summary>
    /// How long a request (a method that waits for the server's answer) may wait for it before it
    /// fails with <see cref="SocketRequestTimeoutException"/>, unless the call names its own
    /// timeout. <see cref="Timeout.InfiniteTimeSpan"/> waits until the answer, the cancellation
    /// token or a disconnect. Default 30 s.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt to open the connection (the WebSocket handshake) may take. Default 15 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The largest message the client accepts from the server, in bytes. A larger one is read to
    /// its end, discarded, logged and counted; the connection stays. Default 1 MiB.
    /// </summary>
    public int MaxMessageSize { get; set; } = 1024 * 1024;

    /// <summary>
    /// How often the client pings the server while the connection is quiet. Together with
    /// <see cref="KeepAliveTimeout"/> this finds a connection that died without a close (a lost
    /// network), so the client can reconnect. Default 15 s; <see cref="TimeSpan.Zero"/> turns
    /// keep-alive off.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the client waits for the answer to a keep-alive ping before it gives the connection up. Default 15 s.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How many received events may wait for the client's handlers. When the handlers fall this
    /// far behind, the client stops reading, so the server sees a slow consumer rather than the
    /// client's memory growing. Default 1024.
    /// </summary>
    public int EventQueueCapacity { get; set; } = 1024;

    /// <summary>Automatic reconnection after a connection is lost.</summary>
    public SocketReconnectOptions Reconnect { get; private set; } = new();

    /// <summary>
    /// Called before every connection attempt, reconnections included, for a bearer token sent
    /// as <c>Authorization: Bearer …</c>; <see langword="null"/> (or a null token) sends none.
    /// Calling it each time lets a reconnect present a fresh token.
    /// </summary>
    public Func<CancellationToken, ValueTask<string?>>? AccessTokenProvider { get; set; }

    /// <summary>
    /// Configures each <see cref="ClientWebSocket"/> before it connects: request headers,
    /// cookies, client certificates, a proxy, subprotocols. Called once per connection attempt.
    /// </summary>
    public Action<ClientWebSocketOptions>? ConfigureWebSocket { get; set; }

    /// <summary>
    /// Opens the WebSocket for a connection attempt instead of a <see cref="ClientWebSocket"/>,
    /// for another transport (an in-memory server in tests). It receives the full URI, with the
    /// contract hash; <see cref="ConfigureWebSocket"/>, <see cref="AccessTokenProvider"/> and the
    /// keep-alive options are then the factory's to apply.
    /// </summary>
    public Func<Uri, CancellationToken, ValueTask<WebSocket>>? WebSocketFactory { get; set; }

    /// <summary>Where the client logs (connections, reconnects, frames it rejected, handler failures). Default: nowhere.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock of request timeouts and reconnect delays; a fake one drives them in tests. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The longest timeout or delay an option may name: timers take up to about 49 days; a day is plenty.</summary>
    internal static readonly TimeSpan MaxTimer = TimeSpan.FromDays(1);

    /// <summary>The largest <see cref="MaxMessageSize"/>: 1 GiB, well inside an array's reach.</summary>
    internal const int MaxMessageSizeLimit = 1024 * 1024 * 1024;

    /// <summary>A copy, so a caller's options object can be shared without one client changing another's.</summary>
    internal SocketClientOptions Clone()
    {
        var copy = (SocketClientOptions)MemberwiseClone();
        copy.Reconnect = Reconnect.Clone();
        return copy;
    }

    internal void Validate()
    {
        if (RequestTimeout <= TimeSpan.Zero && RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestTimeout), RequestTimeout, "The request timeout must be positive, or Timeout.InfiniteTimeSpan.");
        }
        if (RequestTimeout > MaxTimer)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestTimeout), RequestTimeout, "The request timeout must be at most a day.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ConnectTimeout, MaxTimer, nameof(ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessageSize, 64, nameof(MaxMessageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxMessageSize, MaxMessageSizeLimit, nameof(MaxMessageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(KeepAliveInterval, TimeSpan.Zero, nameof(KeepAliveInterval));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(KeepAliveInterval, MaxTimer, nameof(KeepAliveInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(KeepAliveTimeout, TimeSpan.Zero, nameof(KeepAliveTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(KeepAliveTimeout, MaxTimer, nameof(KeepAliveTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(EventQueueCapacity, 1, nameof(EventQueueCapacity));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        Reconnect.Validate();
    }
}

/// <summary>
/// Automatic reconnection: after a connection is lost (not closed by the app), the client waits
/// and tries again, with exponential backoff and full jitter: before attempt <c>n</c> it waits a
/// random time between zero and <c>min(MaxDelay, BaseDelay × 2^(n-1))</c>, so clients of a
/// restarted server do not all come back at once. The numbering starts over only after a
/// connection that lasted 5 s: a server that accepts and closes at once meets ever longer delays.
/// </summary>
public sealed class SocketReconnectOptions
{
    /// <summary>Whether the client reconnects at all. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How many attempts (counted across connections that did not last 5 s) before the client gives up and is
    /// <see cref="SocketClientState.Disconnected"/>; <see langword="null"/> tries until the app
    /// closes the client. Default <see langword="null"/>.
    /// </summary>
    public int? MaxAttempts { get; set; }

    /// <summary>The ceiling of the first attempt's delay, doubled for each attempt after it. Default 0.5 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The highest ceiling any attempt's delay may have. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The delay before attempt <paramref name="attempt"/> (from 1), for a uniform random number in [0, 1).</summary>
    internal TimeSpan DelayBefore(int attempt, double random)
    {
        var ceiling = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        return TimeSpan.FromMilliseconds(Math.Min(ceiling, MaxDelay.TotalMilliseconds) * random);
    }

    internal void Validate()
    {
        if (MaxAttempts is { } attempts)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1, nameof(MaxAttempts));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero, nameof(BaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxDelay, SocketClientOptions.MaxTimer, nameof(MaxDelay));
    }

    internal SocketReconnectOptions Clone() => (SocketReconnectOptions)MemberwiseClone();
}
