using System.Buffers;
using System.Net.WebSockets;

namespace AotCompare;

/// <summary>
/// One idle chat client. It keeps reading (and discarding) everything the server sends, because
/// each new client makes the server send <c>joined</c> to all the others: a client that stopped
/// reading would be a slow consumer, and the server would rightly close it.
/// </summary>
internal sealed class ChatConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly ChatProtocol _protocol;
    private readonly TaskCompletionSource _welcomed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiving = Task.CompletedTask;

    private ChatConnection(ChatProtocol protocol) => _protocol = protocol;

    /// <summary>True while the WebSocket is open.</summary>
    public bool IsOpen => _socket.State == WebSocketState.Open;

    /// <summary>Connects, opens the chat protocol and returns once the server has sent this client its welcome.</summary>
    public static async Task<ChatConnection> OpenAsync(Uri uri, ChatProtocol protocol, CancellationToken cancellationToken)
    {
        var connection = new ChatConnection(protocol);
        try
        {
            await connection._socket.ConnectAsync(uri, cancellationToken);
            await protocol.OpenAsync(connection._socket, cancellationToken);
            connection._receiving = connection.ReceiveAsync();
            await connection._welcomed.Task.WaitAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends the protocol's keep-alive message, if it has one. Only one caller may send at a time; a connection that has gone is left alone.</summary>
    public async ValueTask KeepAliveAsync(CancellationToken cancellationToken)
    {
        if (_protocol.KeepAliveMessage.IsEmpty || !IsOpen)
        {
            return;
        }
        try
        {
            await _socket.SendAsync(_protocol.KeepAliveMessage, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        catch (WebSocketException)
        {
            // Closed in the meantime; IsOpen now says so, and the run reports it.
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Aborting rather than closing: the server's RSS is read before this, and a thousand closing
        // handshakes would only slow the run down.
        _socket.Abort();
        await _receiving;
        _socket.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[4096];
        // Until the welcome has come, whole messages are kept to look for it: it may share a
        // message with other records, or follow a `joined` that came first.
        var message = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _welcomed.TrySetException(new WebSocketException($"The server closed the connection ({result.CloseStatus}) before its welcome."));
                    return;
                }
                if (_welcomed.Task.IsCompleted)
                {
                    continue;
                }
                message.Write(buffer.AsSpan(0, result.Count));
                if (result.EndOfMessage)
                {
                    if (message.WrittenSpan.IndexOf(_protocol.WelcomeMarker.Span) >= 0)
                    {
                        _welcomed.TrySetResult();
                    }
                    message.ResetWrittenCount();
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _welcomed.TrySetException(exception);
        }
    }
}
