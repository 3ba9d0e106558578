using System.Diagnostics;
using System.Net.WebSockets;

namespace FanOut.Load;

/// <summary>
/// A bare <see cref="ClientWebSocket"/> with one receive loop that reuses its buffer and only
/// looks for the timestamps in what it gets, so the clients cost as little as they can and the
/// same for every server.
/// </summary>
internal sealed class WebSocketLoadClient : ILoadClient
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    private readonly ClientWebSocket _socket;
    private readonly WireFormat _format;
    private readonly DeliveryTracker _tracker;
    private readonly byte[] _sendBuffer;
    private byte[] _receiveBuffer = new byte[1024];
    private Task _receiving = Task.CompletedTask;
    private volatile bool _closing;

    private WebSocketLoadClient(ClientWebSocket socket, WireFormat format, DeliveryTracker tracker)
    {
        _socket = socket;
        _format = format;
        _tracker = tracker;
        _sendBuffer = new byte[format.MaxFrameLength];
    }

    public static async Task<WebSocketLoadClient> ConnectAsync(Uri uri, WireFormat format, DeliveryTracker tracker, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
            if (format.Handshake is { } handshake)
            {
                await socket.SendAsync(handshake, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var client = new WebSocketLoadClient(socket, format, tracker);
        client._receiving = client.ReceiveLoopAsync();
        return client;
    }

    public ValueTask SendAsync(bool toOthers, int seq)
    {
        var length = _format.Write(_sendBuffer, toOthers, Stopwatch.GetTimestamp(), seq);
        return _socket.SendAsync(_sendBuffer.AsMemory(0, length), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
    }

    /// <summary>Closes politely (the server answers the close), and aborts if that takes too long.</summary>
    public async ValueTask DisposeAsync()
    {
        _closing = true;
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(CloseTimeout);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
            }
            await _receiving.WaitAsync(CloseTimeout).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or TimeoutException)
        {
            _socket.Abort();
        }
        _socket.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == _receiveBuffer.Length)
                    {
                        Array.Resize(ref _receiveBuffer, _receiveBuffer.Length * 2);
                    }
                    result = await _socket.ReceiveAsync(_receiveBuffer.AsMemory(length), CancellationToken.None).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        if (!_closing)
                        {
                            _tracker.OnClosedByServer(_socket.CloseStatus);
                        }
                        return;
                    }
                    length += result.Count;
                }
                while (!result.EndOfMessage);
                _tracker.OnMessage(_receiveBuffer.AsSpan(0, length), Stopwatch.GetTimestamp());
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            if (!_closing)
            {
                _tracker.OnError();
            }
        }
    }
}
