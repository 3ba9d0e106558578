using System.Buffers;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text.Unicode;
using Microsoft.Extensions.Logging;
using TypedSockets.Endpoints;
using TypedSockets.Serialization;
using TypedSockets.Telemetry;

namespace TypedSockets.Connections;

/// <summary>
/// A client on a WebSocket: a receive loop that reassembles and checks each message, applies the
/// rate limit and hands it to the endpoint, and a send loop that drains the client's own bounded
/// <see cref="SendQueue"/>. The two loops are the socket's only reader and only writer; closing
/// goes through the send loop, after the frames already queued (except when a client is evicted,
/// whose queue is dropped).
/// </summary>
internal sealed class WebSocketConnection : SocketClient
{
    private const int InitialReceiveBuffer = 4 * 1024;
    private const int SendBatch = 64;
    private const int MaxBatchBytes = 64 * 1024;

    private readonly WebSocket _socket;
    private readonly BatchingStream? _transport;
    private readonly SocketEndpointHost _host;
    private readonly TypedSocketsOptions _options;
    private readonly ILogger _logger;
    private readonly SendQueue _outbound;
    private readonly CancellationTokenSource _aborted = new();
    private readonly CancellationTokenRegistration _abortSocket;
    private readonly InboundRateLimit? _rateLimit;
    private readonly SemaphoreSlim? _handlerSlots;
    private ITimer? _closeTimer;
    private int _closeRequested;
    private volatile bool _discardQueued;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string? _closeReason;

    public WebSocketConnection(WebSocket socket, BatchingStream? transport, ClaimsPrincipal user, SocketEndpointHost host, ILogger logger)
        : base(id: null, user)
    {
        _socket = socket;
        _transport = transport;
        _host = host;
        _options = host.Options;
        _logger = logger;
        _outbound = new SendQueue(_options.SendQueueCapacity, _options.SendQueueByteLimit, host.SlowConsumerPolicy);
        if (_options.RateLimit is { } limit)
        {
            _rateLimit = new InboundRateLimit(limit, _options.MaxRateLimitedMessages, _options.RateLimitWindow, host.Time);
        }
        if (_options.MaxConcurrentHandlers > 1)
        {
            _handlerSlots = new SemaphoreSlim(_options.MaxConcurrentHandlers, _options.MaxConcurrentHandlers);
        }
        // The socket's reads and writes take no token: a cancellable one sends every write down the
        // WebSocket's slower path, with a registration each. Aborting the socket ends them instead.
        _abortSocket = _aborted.Token.UnsafeRegister(static socket => ((WebSocket)socket!).Abort(), _socket);
    }

    public override CancellationToken Disconnected => _aborted.Token;

    /// <summary>Frames waiting in the outbound queue.</summary>
    internal int QueuedFrames => _outbound.Count;

    public async Task RunAsync()
    {
        SocketMetrics.ConnectionOpened(_host.Ref);
        var sending = SendLoopAsync();
        try
        {
            SetCurrent(this);
            await _host.JoinAsync(this).ConfigureAwait(false);
            await ReceiveLoopAsync().ConfigureAwait(false);
        }
        catch (WebSocketException exception) when (_transport is not null && _socket.State == WebSocketState.Aborted)
        {
            // The WebSocket layer refused a frame itself (a protocol error, or text that is not
            // UTF-8): it has sent its close and can no longer read. Read what the client still sends
            // (the rest of the frame, its close) straight off the transport, so the connection ends
            // with a FIN after the close frame instead of a reset that could overtake it.
            Log.ConnectionEnded(_logger, Id, exception.Message);
            RequestClose(WebSocketCloseStatus.ProtocolError, null, discardQueued: true);
            await DrainTransportAsync(_transport).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            Log.ConnectionEnded(_logger, Id, exception.Message);
        }
        catch (Exception exception)
        {
            // A bug of ours, never a client's doing: this connection ends with 1011, the process and
            // every other connection go on, and the log has the details.
            Log.ConnectionFailed(_logger, Id, exception);
            RequestClose(WebSocketCloseStatus.InternalServerError, null, discardQueued: true);
        }
        finally
        {
            await _host.LeaveAsync(this).ConfigureAwait(false);
            RequestClose(WebSocketCloseStatus.NormalClosure, null, discardQueued: false);
            await WaitForHandlersAsync().ConfigureAwait(false);
            await sending.ConfigureAwait(false);
            // Ended in order: the socket is closed below, gracefully, rather than aborted by the token.
            await _abortSocket.DisposeAsync().ConfigureAwait(false);
            _closeTimer?.Dispose();
            if (!_aborted.IsCancellationRequested)
            {
                await _aborted.CancelAsync().ConfigureAwait(false);
            }
            _socket.Dispose();
            SocketMetrics.ConnectionClosed(_host.Ref);
        }
    }

    public override ValueTask CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string? reason = null)
    {
        RequestClose(status, reason, discardQueued: status == WebSocketCloseStatus.PolicyViolation);
        return ValueTask.CompletedTask;
    }

    internal override bool TryEnqueue(SocketFrame frame)
    {
        switch (_outbound.TryEnqueue(frame, out var dropped))
        {
            case EnqueueOutcome.Queued:
                return true;
            case EnqueueOutcome.QueuedAfterDropping:
                SocketMetrics.Dropped(_host.Ref, dropped);
                return true;
            case EnqueueOutcome.Dropped:
                SocketMetrics.Dropped(_host.Ref, 1 + dropped);
                return false;
            case EnqueueOutcome.Full when Volatile.Read(ref _closeRequested) == 0:
                // Full, not closing: the client does not keep up. It closes itself; the endpoint removes it.
                RequestClose(WebSocketCloseStatus.PolicyViolation, CloseReasons.SlowConsumer, discardQueued: true);
                Manager?.OnSlowConsumer(this);
                return false;
            default:
                return false;
        }
    }

    private void RequestClose(WebSocketCloseStatus status, string? reason, bool discardQueued)
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) != 0)
        {
            return;
        }
        Log.Closing(_logger, Id, status, reason);
        _closeStatus = status;
        _closeReason = reason;
        _discardQueued = discardQueued;
        _outbound.Complete(discardQueued);
        // Whatever happens next, the connection is gone after the close timeout (on the endpoint's clock).
        _closeTimer = _host.Time.CreateTimer(
            static state => ((WebSocketConnection)state!).Abort(), this, _options.CloseTimeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The close timeout ran out: the socket is aborted, which ends both loops.</summary>
    private void Abort()
    {
        try
        {
            _aborted.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the connection has already ended
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var maxSize = _options.MaxMessageSize;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialReceiveBuffer, maxSize + 1));
        try
        {
            while (true)
            {
                var length = 0;
                var reads = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        buffer = Grow(buffer, length, maxSize + 1);
                    }
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        // The client closes: answer at once, whatever is still queued for it.
                        RequestClose(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, null, discardQueued: true);
                        return;
                    }
                    if (result.MessageType == WebSocketMessageType.Binary && !_host.AllowBinaryFrames)
                    {
                        await CloseAfterViolationAsync(WebSocketCloseStatus.InvalidMessageType, "binary frames are not supported").ConfigureAwait(false);
                        return;
                    }
                    length += result.Count;
                    if (length > maxSize)
                    {
                        await CloseAfterViolationAsync(WebSocketCloseStatus.MessageTooBig, "message too big").ConfigureAwait(false);
                        return;
                    }
                    if (++reads >= _options.MaxFragmentsPerMessage && !result.EndOfMessage)
                    {
                        await CloseAfterViolationAsync(WebSocketCloseStatus.PolicyViolation, CloseReasons.TooManyFragments).ConfigureAwait(false);
                        return;
                    }
                }
                while (!result.EndOfMessage);

                var message = buffer.AsMemory(0, length);
                // The WebSocket layer may or may not check text frames; the protocol promises 1007 either way.
                if (!Utf8.IsValid(message.Span))
                {
                    await CloseAfterViolationAsync(WebSocketCloseStatus.InvalidPayloadData, "invalid UTF-8").ConfigureAwait(false);
                    return;
                }
                SocketMetrics.MessageReceived(_host.Ref, length);

                var admission = _rateLimit?.Admit() ?? Admission.Allowed;
                if (admission == Admission.Evicted)
                {
                    SocketMetrics.Evicted(_host.Ref, CloseReasons.RateLimitExceeded);
                    await CloseAfterViolationAsync(WebSocketCloseStatus.PolicyViolation, CloseReasons.RateLimitExceeded).ConfigureAwait(false);
                    return;
                }
                if (admission == Admission.Refused)
                {
                    _host.Inbound.Refuse(this, message.Span, SocketErrorCodes.RateLimited, "Too many messages; slow down.");
                }
                else if (_handlerSlots is null)
                {
                    await _host.Inbound.DispatchAsync(this, message).ConfigureAwait(false);
                }
                else
                {
                    // Handled beside the next messages: the message needs a buffer of its own.
                    await _handlerSlots.WaitAsync(_aborted.Token).ConfigureAwait(false);
                    var copy = ArrayPool<byte>.Shared.Rent(length);
                    message.CopyTo(copy);
                    _ = HandleConcurrentlyAsync(copy, length);
                }

                if (buffer.Length > InitialReceiveBuffer)
                {
                    // A large message should not pin a large buffer for the rest of the connection.
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(InitialReceiveBuffer);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task HandleConcurrentlyAsync(byte[] message, int length)
    {
        try
        {
            await _host.Inbound.DispatchAsync(this, message.AsMemory(0, length)).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(message);
            _handlerSlots!.Release();
        }
    }

    /// <summary>Waits (up to the close timeout) for handlers still running beside the receive loop.</summary>
    private async Task WaitForHandlersAsync()
    {
        if (_handlerSlots is null)
        {
            return;
        }
        using var timeout = new CancellationTokenSource(_options.CloseTimeout, _host.Time);
        try
        {
            for (var i = 0; i < _options.MaxConcurrentHandlers; i++)
            {
                await _handlerSlots.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // A handler that ignores its cancellation token finishes on its own; it no longer holds the connection.
        }
    }

    private async Task DrainTransportAsync(BatchingStream transport)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(4096);
        using var timeout = new CancellationTokenSource(_options.CloseTimeout, _host.Time);
        try
        {
            while (await transport.ReadAsync(scratch.AsMemory(), timeout.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // the client did not close in time, or reset: the connection ends either way
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>Sends the close frame and waits (up to the close timeout) for the client's answer.</summary>
    private Task CloseAfterViolationAsync(WebSocketCloseStatus status, string reason)
    {
        RequestClose(status, reason, discardQueued: false);
        return AwaitClientCloseAsync();
    }

    /// <summary>Reads and discards until the client's close arrives (the close timeout aborts the wait).</summary>
    private async Task AwaitClientCloseAsync()
    {
        var scratch = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await _socket.ReceiveAsync(scratch.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private async Task SendLoopAsync()
    {
        // Frames are taken a batch at a time, so a burst costs one lock, not one per frame.
        var batch = ArrayPool<SocketFrame?>.Shared.Rent(SendBatch);
        var taken = 0;
        var next = 0;
        try
        {
            while (await _outbound.WaitToReadAsync().ConfigureAwait(false))
            {
                while ((taken = _outbound.Dequeue(batch.AsSpan(0, SendBatch))) > 0)
                {
                    // Gathered and handed to Kestrel in one write (as soon as 64 KiB are waiting, or
                    // at the end of what was queued): one send on the socket for the whole burst.
                    _transport?.BeginBatch();
                    long bytes = 0;
                    long gathered = 0;
                    for (next = 0; next < taken; next++)
                    {
                        var frame = batch[next]!;
                        batch[next] = null;
                        try
                        {
                            if (!_discardQueued)
                            {
                                await _socket.SendAsync(frame.Memory, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None)
                                    .ConfigureAwait(false);
                                bytes += frame.Length;
                                gathered += frame.Length;
                            }
                        }
                        finally
                        {
                            frame.Release();
                        }
                        if (_transport is not null && gathered >= MaxBatchBytes)
                        {
                            await _transport.EndBatchAsync(CancellationToken.None).ConfigureAwait(false);
                            _transport.BeginBatch();
                            gathered = 0;
                        }
                    }
                    if (_transport is not null)
                    {
                        await _transport.EndBatchAsync(CancellationToken.None).ConfigureAwait(false);
                    }
                    SocketMetrics.Sent(_host.Ref, taken, bytes);
                }
            }
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(_closeStatus, _closeReason, _aborted.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // A failed send ends this connection only.
            Log.ConnectionEnded(_logger, Id, exception.Message);
            _socket.Abort();
            _outbound.Complete(discard: true);
            try
            {
                await _aborted.CancelAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // already ended
            }
        }
        finally
        {
            for (; next < taken; next++)
            {
                batch[next]?.Release();
                batch[next] = null;
            }
            ArrayPool<SocketFrame?>.Shared.Return(batch);
        }
    }

    private static byte[] Grow(byte[] buffer, int used, int limit)
    {
        var next = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit));
        buffer.AsSpan(0, used).CopyTo(next);
        ArrayPool<byte>.Shared.Return(buffer);
        return next;
    }
}
