using System.Net.WebSockets;
using System.Threading.Channels;

namespace TypedSockets.Testing;

/// <summary>
/// One end of a WebSocket that lives in memory: what one end sends, whole messages in order, the
/// other receives, through a bounded queue, so a reader that stops reading holds its sender up as
/// a full network buffer would. The close handshake, aborts and keep-alive behave as
/// <see cref="WebSocket.CreateFromStream(Stream, WebSocketCreationOptions)"/>'s socket does:
/// a received close is answered at once, and an end with keep-alive pings the other every
/// interval and aborts when no answer comes within the timeout, on the host's clock.
/// </summary>
internal sealed class InMemoryWebSocket : WebSocket
{
    private readonly Channel<Message> _inbound;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly MemoryStream _outgoing = new();
    private InMemoryWebSocket _peer = null!;
    private Message? _current;
    private int _offset;
    private WebSocketState _state = WebSocketState.Open;
    private WebSocketCloseStatus? _closeStatus;
    private string? _closeDescription;
    private ITimer? _pings;
    private ITimer? _pingTimeout;
    private volatile bool _paused;
    private volatile bool _unreachable;
    private int _pingOutstanding;
    private TimeSpan _keepAliveTimeout;
    private TaskCompletionSource _resume = CompletedResume();

    private InMemoryWebSocket(int capacity, TimeProvider time)
    {
        _time = time;
        _inbound = Channel.CreateBounded<Message>(new BoundedChannelOptions(capacity) { SingleReader = true });
    }

    /// <summary>How many messages wait in this end's buffer, sent and not yet read.</summary>
    public int Waiting => _inbound.Reader.Count;

    /// <summary>Called with every whole message this end receives (text and binary), in order.</summary>
    public Action<WebSocketMessageType, byte[]>? Received { get; set; }

    public override WebSocketCloseStatus? CloseStatus => _closeStatus;

    public override string? CloseStatusDescription => _closeDescription;

    public override WebSocketState State => _state;

    public override string? SubProtocol => null;

    /// <summary>A connected pair: the server's end and the client's, each with its own keep-alive.</summary>
    public static (InMemoryWebSocket Server, InMemoryWebSocket Client) CreatePair(
        int capacity, TimeProvider time, KeepAlive server, KeepAlive client)
    {
        var serverEnd = new InMemoryWebSocket(capacity, time);
        var clientEnd = new InMemoryWebSocket(capacity, time);
        serverEnd._peer = clientEnd;
        clientEnd._peer = serverEnd;
        serverEnd.StartKeepAlive(server);
        clientEnd.StartKeepAlive(client);
        return (serverEnd, clientEnd);
    }

    /// <summary>Stops handing messages to this end's reader; its sender fills the queue and then waits.</summary>
    public void PauseReading()
    {
        lock (_gate)
        {
            if (!_paused && _state is WebSocketState.Open or WebSocketState.CloseSent)
            {
                _paused = true;
                _resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void ResumeReading()
    {
        lock (_gate)
        {
            _paused = false;
            _resume.TrySetResult();
        }
    }

    /// <summary>
    /// The network between the two ends goes silent: nothing either sends arrives, and pings go
    /// unanswered, so only keep-alive (on the host's clock) finds out.
    /// </summary>
    public void CutOff()
    {
        _unreachable = true;
        _peer._unreachable = true;
    }

    public override async ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (_state is WebSocketState.Aborted or WebSocketState.Closed or WebSocketState.CloseReceived)
        {
            throw new WebSocketException(WebSocketError.InvalidState, $"The WebSocket is {_state}; it cannot receive.");
        }
        // A paused reader reads nothing, not even a message that had already arrived.
        Task resume;
        lock (_gate)
        {
            resume = _resume.Task;
        }
        await resume.WaitAsync(cancellationToken).ConfigureAwait(false);
        ThrowIfAborted();
        if (_current is null)
        {
            try
            {
                _current = await _inbound.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException closed)
            {
                throw closed.InnerException as WebSocketException
                    ?? new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "The remote party closed the WebSocket connection without completing the close handshake.");
            }
            _offset = 0;
            lock (_gate)
            {
                resume = _resume.Task;
            }
            await resume.WaitAsync(cancellationToken).ConfigureAwait(false);
            ThrowIfAborted();
        }
        var message = _current;
        if (message.Type == WebSocketMessageType.Close)
        {
            _current = null;
            _closeStatus = message.Status;
            _closeDescription = message.Description;
            bool closed;
            lock (_gate)
            {
                closed = _state == WebSocketState.CloseSent;
                _state = closed ? WebSocketState.Closed : WebSocketState.CloseReceived;
            }
            if (closed)
            {
                StopKeepAlive();
            }
            return new ValueWebSocketReceiveResult(0, WebSocketMessageType.Close, true);
        }
        var count = Math.Min(buffer.Length, message.Data.Length - _offset);
        message.Data.AsSpan(_offset, count).CopyTo(buffer.Span);
        _offset += count;
        var end = _offset == message.Data.Length;
        if (end)
        {
            _current = null;
            Received?.Invoke(message.Type, message.Data);
        }
        return new ValueWebSocketReceiveResult(count, message.Type, end);
    }

    public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
    {
        var result = await ReceiveAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
        return result.MessageType == WebSocketMessageType.Close
            ? new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, _closeStatus, _closeDescription)
            : new WebSocketReceiveResult(result.Count, result.MessageType, result.EndOfMessage);
    }

    public override async ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
    {
        if (_state is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            throw new WebSocketException(WebSocketError.InvalidState, $"The WebSocket is {_state}; it cannot send.");
        }
        byte[] data;
        lock (_gate)
        {
            _outgoing.Write(buffer.Span);
            if (!endOfMessage)
            {
                return;
            }
            data = _outgoing.ToArray();
            _outgoing.SetLength(0);
        }
        await DeliverAsync(new Message(messageType, data, null, null), cancellationToken).ConfigureAwait(false);
    }

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        SendAsync(buffer.AsMemory(), messageType, endOfMessage, cancellationToken).AsTask();

    public override async Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_state is not (WebSocketState.Open or WebSocketState.CloseReceived))
            {
                return;
            }
            _state = _state == WebSocketState.Open ? WebSocketState.CloseSent : WebSocketState.Closed;
        }
        await DeliverAsync(new Message(WebSocketMessageType.Close, [], closeStatus, statusDescription), cancellationToken).ConfigureAwait(false);
        if (_state == WebSocketState.Closed)
        {
            StopKeepAlive();
        }
    }

    public override async Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
    {
        await CloseOutputAsync(closeStatus, statusDescription, cancellationToken).ConfigureAwait(false);
        var scratch = new byte[1024];
        while (_state == WebSocketState.CloseSent)
        {
            await ReceiveAsync(scratch.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }

    public override void Abort()
    {
        lock (_gate)
        {
            if (_state is WebSocketState.Closed or WebSocketState.Aborted)
            {
                return;
            }
            _state = WebSocketState.Aborted;
            // A paused reader wakes to find the connection gone.
            _resume.TrySetResult();
        }
        StopKeepAlive();
        _inbound.Writer.TryComplete(new WebSocketException(WebSocketError.InvalidState, "The WebSocket was aborted."));
        if (!_unreachable)
        {
            // The other end sees its connection reset once it has read what had already arrived;
            // across a cut network it learns nothing, and only its own keep-alive finds out.
            _peer._inbound.Writer.TryComplete(new WebSocketException(
                WebSocketError.ConnectionClosedPrematurely, "The remote party closed the WebSocket connection without completing the close handshake."));
        }
    }

    public override void Dispose()
    {
        if (_state != WebSocketState.Closed)
        {
            Abort();
        }
        StopKeepAlive();
    }

    private void ThrowIfAborted()
    {
        if (_state == WebSocketState.Aborted)
        {
            throw new WebSocketException(WebSocketError.InvalidState, "The WebSocket was aborted.");
        }
    }

    private async ValueTask DeliverAsync(Message message, CancellationToken cancellationToken)
    {
        if (_unreachable)
        {
            return; // lost in the network
        }
        try
        {
            await _peer._inbound.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            if (_state == WebSocketState.Aborted)
            {
                throw new WebSocketException(WebSocketError.InvalidState, "The WebSocket was aborted.");
            }
            // The other end is gone: what is sent now is lost, as it would be on a reset connection.
        }
    }

    private void StartKeepAlive(KeepAlive keepAlive)
    {
        if (keepAlive.Interval <= TimeSpan.Zero)
        {
            return;
        }
        _keepAliveTimeout = keepAlive.Timeout;
        _pings = _time.CreateTimer(static state => ((InMemoryWebSocket)state!).Ping(), this, keepAlive.Interval, keepAlive.Interval);
        if (keepAlive.Timeout > TimeSpan.Zero)
        {
            _pingTimeout = _time.CreateTimer(static state => ((InMemoryWebSocket)state!).PingTimedOut(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// Whether a ping from this end would be answered now: the other end answers while the network
    /// carries traffic and its reader reads (a WebSocket handles control frames as it reads).
    /// </summary>
    private bool PeerAnswers => !_unreachable && !_peer._paused && _peer._state is WebSocketState.Open or WebSocketState.CloseSent;

    /// <summary>A ping: answered at once when the other end answers; otherwise the timeout starts, once.</summary>
    private void Ping()
    {
        if (_pingTimeout is null || PeerAnswers || Interlocked.Exchange(ref _pingOutstanding, 1) == 1)
        {
            return;
        }
        _pingTimeout.Change(_keepAliveTimeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>No answer within the timeout aborts the connection; a late answer (the reader resumed) clears the ping.</summary>
    private void PingTimedOut()
    {
        if (PeerAnswers)
        {
            Volatile.Write(ref _pingOutstanding, 0);
            return;
        }
        Abort();
    }

    private void StopKeepAlive()
    {
        _pings?.Dispose();
        _pingTimeout?.Dispose();
    }

    private static TaskCompletionSource CompletedResume()
    {
        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        completed.SetResult();
        return completed;
    }

    private sealed record Message(WebSocketMessageType Type, byte[] Data, WebSocketCloseStatus? Status, string? Description);
}

/// <summary>Keep-alive of one end: a ping every <paramref name="Interval"/> (zero: none), given up after <paramref name="Timeout"/> without an answer (zero: never).</summary>
internal readonly record struct KeepAlive(TimeSpan Interval, TimeSpan Timeout);
