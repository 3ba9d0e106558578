using System.Buffers;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text.Unicode;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using TypedSockets.Endpoints;
using TypedSockets.Serialization;
using TypedSockets.Telemetry;

namespace TypedSockets.Connections;

/// <summary>
/// A client on a WebSocket: a receive loop that reassembles and checks each message and hands it
/// to the endpoint, and a send loop that drains the client's own bounded queue. The two loops are
/// the socket's only reader and only writer; closing goes through the send loop, after the frames
/// already queued (except for a slow consumer, whose queue is dropped).
/// </summary>
internal sealed class WebSocketConnection : SocketClient
{
    private const int InitialReceiveBuffer = 4 * 1024;

    private readonly WebSocket _socket;
    private readonly ISocketEndpointHost _host;
    private readonly TypedSocketsOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<SocketFrame> _outbound;
    private readonly CancellationTokenSource _aborted = new();
    private int _closeRequested;
    private volatile bool _discardQueued;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string? _closeReason;

    public WebSocketConnection(WebSocket socket, ClaimsPrincipal user, ISocketEndpointHost host, ILogger logger)
        : base(id: null, user)
    {
        _socket = socket;
        _host = host;
        _options = host.Options;
        _logger = logger;
        _outbound = Channel.CreateBounded<SocketFrame>(
            new BoundedChannelOptions(_options.SendQueueCapacity)
            {
                SingleReader = true,
                SingleWriter = false,
                FullMode = BoundedChannelFullMode.Wait,
            });
    }

    public override CancellationToken Disconnected => _aborted.Token;

    public async Task RunAsync()
    {
        var sending = SendLoopAsync();
        try
        {
            SetCurrent(this);
            await _host.JoinAsync(this).ConfigureAwait(false);
            await ReceiveLoopAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException)
        {
            Log.ConnectionEnded(_logger, Id, exception.Message);
        }
        finally
        {
            await _host.LeaveAsync(this).ConfigureAwait(false);
            RequestClose(WebSocketCloseStatus.NormalClosure, null, discardQueued: false);
            await sending.ConfigureAwait(false);
            if (!_aborted.IsCancellationRequested)
            {
                await _aborted.CancelAsync().ConfigureAwait(false);
            }
            _socket.Dispose();
            _aborted.Dispose();
        }
    }

    public override ValueTask CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string? reason = null)
    {
        RequestClose(status, reason, discardQueued: status == WebSocketCloseStatus.PolicyViolation);
        return ValueTask.CompletedTask;
    }

    internal override bool TryEnqueue(SocketFrame frame)
    {
        frame.AddReference();
        if (_outbound.Writer.TryWrite(frame))
        {
            return true;
        }
        frame.Release();
        if (Volatile.Read(ref _closeRequested) == 0)
        {
            // Full, not closing: the client does not keep up. It closes itself; the endpoint removes it.
            RequestClose(WebSocketCloseStatus.PolicyViolation, CloseReasons.SlowConsumer, discardQueued: true);
            Manager?.OnSlowConsumer(this);
        }
        return false;
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
        _outbound.Writer.TryComplete();
        try
        {
            // Whatever happens next, the connection is gone after the close timeout.
            _aborted.CancelAfter(_options.CloseTimeout);
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
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        buffer = Grow(buffer, length, maxSize + 1);
                    }
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), _aborted.Token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        // The client closes: answer at once, whatever is still queued for it.
                        RequestClose(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, null, discardQueued: true);
                        return;
                    }
                    if (result.MessageType == WebSocketMessageType.Binary)
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
                }
                while (!result.EndOfMessage);

                var message = buffer.AsMemory(0, length);
                // The WebSocket layer may or may not check text frames; the protocol promises 1007 either way.
                if (!Utf8.IsValid(message.Span))
                {
                    await CloseAfterViolationAsync(WebSocketCloseStatus.InvalidPayloadData, "invalid UTF-8").ConfigureAwait(false);
                    return;
                }
                await _host.HandleMessageAsync(this, message).ConfigureAwait(false);

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

    /// <summary>Sends the close frame and waits (up to the close timeout) for the client's answer.</summary>
    private async Task CloseAfterViolationAsync(WebSocketCloseStatus status, string reason)
    {
        RequestClose(status, reason, discardQueued: false);
        var scratch = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await _socket.ReceiveAsync(scratch.AsMemory(), _aborted.Token).ConfigureAwait(false);
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
        var reader = _outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var frame))
                {
                    try
                    {
                        if (!_discardQueued)
                        {
                            await _socket.SendAsync(frame.Memory, WebSocketMessageType.Text, endOfMessage: true, _aborted.Token)
                                .ConfigureAwait(false);
                        }
                    }
                    finally
                    {
                        frame.Release();
                    }
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
            while (reader.TryRead(out var left))
            {
                left.Release();
            }
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
