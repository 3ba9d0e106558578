using System.Net;
using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TypedSockets.Client.Telemetry;

namespace TypedSockets.Client;

/// <summary>
/// The runtime of a typed client of one endpoint. The generator derives a class from it for each
/// contract a project sees (e.g. <c>ChatClient</c>), with a method per event the client may send
/// and a subscription per event it may receive; this class owns the connection, reconnects,
/// matches answers to requests and runs handlers.
/// </summary>
/// <remarks>
/// Received events are handled one at a time, in the order they arrived, by one loop per client:
/// handlers never run concurrently for one client. Answers to requests are matched as they arrive,
/// so a handler may await a request of its own. Nothing the server sends can throw out of the
/// client: frames that break the protocol or the contract are logged, counted
/// (<see cref="RejectedFrames"/>) and skipped, and the connection stays.
/// </remarks>
public abstract partial class SocketEndpointClient : IAsyncDisposable
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long a connection must last before the next loss starts the backoff from attempt 1.</summary>
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(5);

    private readonly string _path;
    private readonly string _contractHash;
    private readonly SocketClientOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<Delivery> _deliveries;
    private readonly Lock _gate = new();
    private readonly List<Func<CancellationToken, Task>> _reconnectedHooks = [];
    private readonly CancellationTokenSource _disposing = new();
    private Task? _dispatching;
    private Task? _supervising;
    private CancellationTokenSource? _lifetime;
    private volatile Connection? _connection;
    private SocketClientState _state;
    private Uri? _uri;
    private long _rejectedFrames;
    private bool _disposed;

    /// <summary>Creates a client; generated clients call this with their contract's facts.</summary>
    /// <param name="endpointRef">The endpoint's reference, for logs and metrics.</param>
    /// <param name="path">The endpoint's path, used when the URI passed to <see cref="ConnectAsync(Uri, CancellationToken)"/> names none.</param>
    /// <param name="contractHash">The contract hash, sent with every connection.</param>
    /// <param name="options">The options; null for the defaults.</param>
    protected SocketEndpointClient(string endpointRef, string path, string contractHash, SocketClientOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpointRef);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(contractHash);
        _options = options ?? new SocketClientOptions();
        _options.Validate();
        Ref = endpointRef;
        _path = path;
        _contractHash = contractHash;
        _logger = (_options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("TypedSockets.Client");
        _deliveries = Channel.CreateBounded<Delivery>(new BoundedChannelOptions(_options.EventQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The reference of the endpoint this client talks to.</summary>
    public string Ref { get; }

    /// <summary>Where the connection stands.</summary>
    public SocketClientState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>The close code of the last connection that ended, or null (none ended yet, or one ended without a close).</summary>
    public WebSocketCloseStatus? CloseStatus { get; private set; }

    /// <summary>The reason the server gave with <see cref="CloseStatus"/>.</summary>
    public string? CloseDescription { get; private set; }

    /// <summary>How many frames from the server this client rejected (not JSON, an event outside the contract, data that does not match, too large, binary).</summary>
    public long RejectedFrames => Interlocked.Read(ref _rejectedFrames);

    /// <summary>Raised after every change of <see cref="State"/>, on the thread that made it.</summary>
    public event EventHandler<SocketClientStateChangedEventArgs>? StateChanged;

    /// <summary>Raised before each reconnect attempt, with the attempt's number and delay.</summary>
    public event EventHandler<SocketClientReconnectingEventArgs>? Reconnecting;

    /// <summary>
    /// Raised, in order with the received events, for an <c>error</c> frame that answers no request
    /// of this client's (a request's error fails that request instead).
    /// </summary>
    public event EventHandler<SocketServerErrorEventArgs>? ErrorReceived;

    /// <summary>
    /// Adds a hook that runs after each reconnect, before the client reports
    /// <see cref="SocketClientState.Connected"/> again: the place to join groups again and send
    /// whatever the new connection must know, since the server has forgotten the old one. Hooks
    /// run in the order added; a hook's failure is logged and the rest still run.
    /// </summary>
    /// <returns>Disposing it removes the hook.</returns>
    public IDisposable OnReconnected(Func<CancellationToken, Task> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        lock (_gate)
        {
            _reconnectedHooks.Add(hook);
        }
        return new Unsubscriber(() =>
        {
            lock (_gate)
            {
                _reconnectedHooks.Remove(hook);
            }
        });
    }

    /// <summary>
    /// Connects to the endpoint. <paramref name="uri"/> is its full address
    /// (<c>ws://localhost:5000/ws/chat</c>) or the server's (<c>ws://localhost:5000</c>), to which
    /// the endpoint's path is added; <c>http</c> and <c>https</c> stand for <c>ws</c> and
    /// <c>wss</c>. One attempt is made: a failure throws, and reconnecting applies only to
    /// connections lost later.
    /// </summary>
    /// <exception cref="SocketConnectException">The server refused or could not be reached.</exception>
    /// <exception cref="InvalidOperationException">The client is already connected or connecting.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled, or the client closed while connecting.</exception>
    public async Task ConnectAsync(Uri uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var address = Address(uri);
        CancellationTokenSource lifetime;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_state != SocketClientState.Disconnected)
            {
                throw new InvalidOperationException($"The client is {_state}; close it before connecting again.");
            }
            // Each connection's lifetime has its own source; an old one is left to the collector,
            // since a reconnect that is just ending may still be looking at it.
            _lifetime = lifetime = new CancellationTokenSource();
            _uri = address;
            _state = SocketClientState.Connecting;
        }
        Raise(StateChanged, new SocketClientStateChangedEventArgs(SocketClientState.Disconnected, SocketClientState.Connecting, null, null, null));
        Connection connection;
        try
        {
            connection = await OpenAsync(address, cancellationToken, lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            SetState(SocketClientState.Disconnected, error: exception);
            throw;
        }
        lock (_gate)
        {
            if (!lifetime.IsCancellationRequested)
            {
                _connection = connection;
                _state = SocketClientState.Connected;
                _dispatching ??= DispatchAsync();
            }
        }
        if (lifetime.IsCancellationRequested)
        {
            // Closed (or disposed) while the handshake was under way.
            connection.Abort();
            connection.Dispose();
            SetState(SocketClientState.Disconnected);
            throw new OperationCanceledException("The client was closed while it was connecting.");
        }
        // Reported before the connection is watched, so Connected always comes before what follows it.
        Raise(StateChanged, new SocketClientStateChangedEventArgs(SocketClientState.Connecting, SocketClientState.Connected, null, null, null));
        lock (_gate)
        {
            _supervising = SuperviseAsync(connection, lifetime.Token);
        }
    }

    /// <summary>
    /// Closes the connection with <paramref name="status"/> (it waits a few seconds for the
    /// server's answer, then cuts the connection) and stops reconnecting. Requests still waiting
    /// fail with <see cref="SocketDisconnectedException"/>. The client may connect again afterwards.
    /// </summary>
    public async Task CloseAsync(
        WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string? description = null, CancellationToken cancellationToken = default)
    {
        CancellationTokenSource? lifetime;
        Task? supervising;
        lock (_gate)
        {
            lifetime = _lifetime;
            supervising = _supervising;
        }
        // Outside the lock: cancelling runs the continuations of whatever waited on it.
        lifetime?.Cancel();
        if (_connection is { } connection)
        {
            await connection.CloseAsync(status, description).ConfigureAwait(false);
        }
        if (supervising is not null)
        {
            // The receive loop ends at the server's close; a server that does not answer is cut off.
            // Real time, whatever the options' clock: closing must not wait for a test to move it.
            if (await Task.WhenAny(supervising, Task.Delay(CloseTimeout, cancellationToken)).ConfigureAwait(false) != supervising)
            {
                _connection?.Abort();
            }
            await supervising.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Closes the connection (see <see cref="CloseAsync"/>), drops the events not yet handled,
    /// ends every reader, cancels the handlers' token and waits for the handler running now.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
        }
        // First stop taking events: a receive loop waiting for room in the queue ends at once.
        _deliveries.Writer.TryComplete();
        _disposing.Cancel();
        await CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
        CompleteReaders();
        // A handler that disposes its own client must not wait for itself.
        if (_dispatching is { } dispatching && InHandler.Value != this)
        {
            await dispatching.ConfigureAwait(false);
        }
        GC.SuppressFinalize(this);
    }

    private Uri Address(Uri uri)
    {
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException($"'{uri}' is not an absolute URI, such as ws://localhost:5000{_path}.", nameof(uri));
        }
        var builder = new UriBuilder(uri)
        {
            Scheme = uri.Scheme switch
            {
                "ws" or "http" => "ws",
                "wss" or "https" => "wss",
                _ => throw new ArgumentException($"'{uri}' is not a ws, wss, http or https URI.", nameof(uri)),
            },
        };
        if (builder.Path is "" or "/")
        {
            builder.Path = _path;
        }
        var parameter = SocketProtocol.ContractHashParameter + "=";
        var query = builder.Query.TrimStart('?');
        if (!query.Split('&').Any(pair => pair.StartsWith(parameter, StringComparison.Ordinal)))
        {
            builder.Query = (query.Length == 0 ? "" : query + "&") + parameter + Uri.EscapeDataString(_contractHash);
        }
        return builder.Uri;
    }

    private async Task<Connection> OpenAsync(Uri uri, CancellationToken cancellationToken, CancellationToken lifetime)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime);
        attempt.CancelAfter(_options.ConnectTimeout);
        WebSocket socket;
        try
        {
            socket = _options.WebSocketFactory is { } factory
                ? await factory(uri, attempt.Token).ConfigureAwait(false)
                : await ConnectClientWebSocketAsync(uri, attempt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The client was closed while it was connecting.", null, lifetime);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SocketConnectException(uri, null, $"Connecting to {uri} took longer than {_options.ConnectTimeout.TotalSeconds:0.###} s.", null);
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or SocketConnectException))
        {
            throw new SocketConnectException(uri, null, $"Could not connect to {uri}: {exception.Message}", exception);
        }
        Log.Connected(_logger, Ref, uri);
        ClientMetrics.Connected(Ref);
        return new Connection(socket);
    }

    private async Task<WebSocket> ConnectClientWebSocketAsync(Uri uri, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            socket.Options.CollectHttpResponseDetails = true;
            socket.Options.KeepAliveInterval = _options.KeepAliveInterval;
            if (_options.KeepAliveInterval > TimeSpan.Zero)
            {
                socket.Options.KeepAliveTimeout = _options.KeepAliveTimeout;
            }
            if (_options.AccessTokenProvider is { } tokens && await tokens(cancellationToken).ConfigureAwait(false) is { Length: > 0 } token)
            {
                socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
            }
            _options.ConfigureWebSocket?.Invoke(socket.Options);
            try
            {
                await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
            }
            catch (WebSocketException exception) when (socket.HttpStatusCode is not 0 and not HttpStatusCode.SwitchingProtocols)
            {
                var status = socket.HttpStatusCode;
                throw new SocketConnectException(uri, status, $"The server refused the connection to {uri} with {(int)status} {status}.", exception);
            }
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs connections one after the other: each until it ends, then reconnects while allowed.
    /// Whatever happens, it ends with the connection disposed, every waiting request failed and
    /// the client <see cref="SocketClientState.Disconnected"/>.
    /// </summary>
    private async Task SuperviseAsync(Connection connection, CancellationToken lifetime)
    {
        Connection? current = connection;
        Exception? error = null;
        WebSocketCloseStatus? status = null;
        string? description = null;
        try
        {
            var reconnected = false;
            var attempts = 0;
            while (true)
            {
                var openedAt = _options.TimeProvider.GetTimestamp();
                var receiving = ReceiveAsync(current);
                if (reconnected)
                {
                    await RunReconnectedHooksAsync(lifetime).ConfigureAwait(false);
                    if (!lifetime.IsCancellationRequested)
                    {
                        SetState(SocketClientState.Connected);
                    }
                }
                error = await receiving.ConfigureAwait(false);
                (status, description) = End(current, error);
                current = null;
                if (lifetime.IsCancellationRequested || !_options.Reconnect.Enabled)
                {
                    return;
                }
                // The backoff starts over only after a connection that proved stable: a server that
                // accepts and closes at once meets ever longer delays, and MaxAttempts applies.
                if (_options.TimeProvider.GetElapsedTime(openedAt) >= StableAfter)
                {
                    attempts = 0;
                }
                SetState(SocketClientState.Reconnecting, status, description, error);
                var (next, made, failure) = await ReconnectAsync(attempts, error, lifetime).ConfigureAwait(false);
                attempts = made;
                if (next is null)
                {
                    // Given up (or closed): the last attempt's failure says why.
                    error = failure;
                    return;
                }
                lock (_gate)
                {
                    if (!lifetime.IsCancellationRequested)
                    {
                        _connection = next;
                        current = next;
                    }
                }
                if (current is null)
                {
                    // Closed just as the reconnect succeeded.
                    next.Abort();
                    next.Dispose();
                    return;
                }
                reconnected = true;
            }
        }
        catch (Exception unexpected)
        {
            // A bug of ours, never the server's doing: the client ends cleanly all the same.
            Log.SupervisorFailed(_logger, Ref, unexpected);
            error = unexpected;
            if (current is not null)
            {
                (status, description) = End(current, unexpected);
            }
        }
        finally
        {
            FailPending(error);
            SetState(SocketClientState.Disconnected, status, description, error);
        }
    }

    /// <summary>Ends a connection: forgets and disposes it, keeps its close code, fails what waited on it.</summary>
    private (WebSocketCloseStatus? Status, string? Description) End(Connection connection, Exception? error)
    {
        lock (_gate)
        {
            if (_connection == connection)
            {
                _connection = null;
            }
        }
        var (status, description) = (connection.Socket.CloseStatus, connection.Socket.CloseStatusDescription);
        connection.Abort();
        connection.Dispose();
        CloseStatus = status;
        CloseDescription = description;
        Log.ConnectionEnded(_logger, Ref, status, description, error);
        ClientMetrics.Disconnected(Ref);
        FailPending(error);
        return (status, description);
    }

    /// <summary>Tries to open a connection again, numbering attempts on from <paramref name="made"/>.</summary>
    /// <returns>The connection (null when given up or closed), the number of the last attempt, and what the last failure was.</returns>
    private async Task<(Connection? Connection, int Attempts, Exception? Error)> ReconnectAsync(int made, Exception? error, CancellationToken lifetime)
    {
        var reconnect = _options.Reconnect;
        for (var attempt = made + 1; reconnect.MaxAttempts is not { } max || attempt <= max; attempt++)
        {
            var delay = reconnect.DelayBefore(attempt, Random.Shared.NextDouble());
            Log.Reconnecting(_logger, Ref, attempt, delay.TotalMilliseconds);
            Raise(Reconnecting, new SocketClientReconnectingEventArgs(attempt, delay, error));
            try
            {
                await Task.Delay(delay, _options.TimeProvider, lifetime).ConfigureAwait(false);
                ClientMetrics.ReconnectAttempted(Ref);
                return (await OpenAsync(_uri!, CancellationToken.None, lifetime).ConfigureAwait(false), attempt, null);
            }
            catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
            {
                return (null, attempt, error);
            }
            catch (ArgumentOutOfRangeException exception)
            {
                // A delay the timer cannot take; the options' bounds should make this impossible.
                Log.ReconnectFailed(_logger, Ref, attempt, exception.Message);
                return (null, attempt, exception);
            }
            catch (SocketConnectException exception)
            {
                Log.ReconnectFailed(_logger, Ref, attempt, exception.Message);
                error = exception;
            }
        }
        Log.ReconnectGaveUp(_logger, Ref, reconnect.MaxAttempts ?? 0);
        return (null, reconnect.MaxAttempts ?? made, error);
    }

    private async Task RunReconnectedHooksAsync(CancellationToken lifetime)
    {
        Func<CancellationToken, Task>[] hooks;
        lock (_gate)
        {
            hooks = [.. _reconnectedHooks];
        }
        foreach (var hook in hooks)
        {
            try
            {
                await hook(lifetime).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
            {
                return; // closed while the hook ran
            }
            catch (Exception exception)
            {
                Log.HookFailed(_logger, Ref, exception);
            }
        }
    }

    private void SetState(SocketClientState state, WebSocketCloseStatus? status = null, string? description = null, Exception? error = null)
    {
        SocketClientState previous;
        lock (_gate)
        {
            previous = _state;
            if (previous == state)
            {
                return;
            }
            _state = state;
        }
        Raise(StateChanged, new SocketClientStateChangedEventArgs(previous, state, status, description, error));
    }

    /// <summary>Raises an event of the client's own; a subscriber's exception is logged, never thrown into the client's loops.</summary>
    private void Raise<TArgs>(EventHandler<TArgs>? handler, TArgs args)
    {
        try
        {
            handler?.Invoke(this, args);
        }
        catch (Exception exception)
        {
            Log.HandlerFailed(_logger, Ref, typeof(TArgs).Name, exception);
        }
    }

    /// <summary>The WebSocket of one connection, with the lock that keeps its sends one at a time.</summary>
    private sealed class Connection(WebSocket socket) : IDisposable
    {
        private readonly CancellationTokenSource _aborted = new();

        public WebSocket Socket { get; } = socket;

        public SemaphoreSlim SendLock { get; } = new(1, 1);

        /// <summary>Cancelled when the connection is cut: what waits on its behalf stops waiting.</summary>
        public CancellationToken Aborted => _aborted.Token;

        /// <summary>
        /// Sends a close frame (after the send in progress, if any), or cuts the connection when that
        /// cannot be done within the close timeout.
        /// </summary>
        public async Task CloseAsync(WebSocketCloseStatus status, string? description)
        {
            using var timeout = new CancellationTokenSource(CloseTimeout);
            try
            {
                await SendLock.WaitAsync(timeout.Token).ConfigureAwait(false);
                try
                {
                    if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await Socket.CloseOutputAsync(status, description, timeout.Token).ConfigureAwait(false);
                    }
                }
                finally
                {
                    SendLock.Release();
                }
            }
            catch (Exception exception) when (exception is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
            {
                Abort();
            }
        }

        public void Abort()
        {
            Socket.Abort();
            try
            {
                _aborted.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // already disposed
            }
        }

        public void Dispose()
        {
            Socket.Dispose();
            // The lock and the source are left to the collector: a send may still be leaving the one,
            // a receive loop still looking at the other.
        }
    }

    private sealed class Unsubscriber(Action unsubscribe) : IDisposable
    {
        private Action? _unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
    }
}
