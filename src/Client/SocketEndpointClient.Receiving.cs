using System.Buffers;
using System.Buffers.Text;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using TypedSockets.Client.Telemetry;
using TypedSockets.Serialization;

namespace TypedSockets.Client;

public abstract partial class SocketEndpointClient
{
    private const int InitialReceiveBuffer = 4 * 1024;

    /// <summary>
    /// Reads one connection's messages until it ends: answers are matched to their requests here,
    /// events are read into their types here and queued for the handlers, in order.
    /// </summary>
    /// <returns>What broke the connection, or null when it closed with a close frame.</returns>
    private async Task<Exception?> ReceiveAsync(Connection connection)
    {
        var socket = connection.Socket;
        var maxSize = _options.MaxMessageSize;
        var buffer = ArrayPool<byte>.Shared.Rent(InitialReceiveBuffer);
        try
        {
            while (true)
            {
                var length = 0;
                var oversized = false;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        if (length > maxSize)
                        {
                            // Too large: keep reading to the message's end, over the same bytes.
                            oversized = true;
                            length = 0;
                        }
                        else
                        {
                            buffer = Grow(buffer, length, maxSize + 1);
                        }
                    }
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        // The server closes: answer with the same code, completing the handshake.
                        if (socket.State == WebSocketState.CloseReceived)
                        {
                            await connection.CloseAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, socket.CloseStatusDescription).ConfigureAwait(false);
                        }
                        return null;
                    }
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                Delivery? delivery = null;
                if (oversized || length > maxSize)
                {
                    Reject("a message over MaxMessageSize (" + maxSize + " bytes)");
                }
                else if (result.MessageType == WebSocketMessageType.Binary)
                {
                    Reject("a binary message");
                }
                else
                {
                    delivery = ReceiveSafely(buffer.AsSpan(0, length));
                }
                if (delivery is not null && !_deliveries.Writer.TryWrite(delivery))
                {
                    // The handlers are behind: stop reading until they catch up (or the connection is cut).
                    await _deliveries.Writer.WriteAsync(delivery, connection.Aborted).ConfigureAwait(false);
                }
                if (buffer.Length > InitialReceiveBuffer)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(InitialReceiveBuffer);
                }
            }
        }
        catch (Exception exception)
        {
            // The socket failed, the connection was cut, or the client is being disposed: this
            // connection ends, and nothing escapes into the client's own loop.
            return exception;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Handles one text message; a failure in doing so costs that message only.</summary>
    private Delivery? ReceiveSafely(ReadOnlySpan<byte> message)
    {
        try
        {
            return Receive(message);
        }
        catch (Exception exception)
        {
            Reject("a frame the client failed to handle (" + exception.Message + ")");
            return null;
        }
    }

    /// <summary>Handles one text message: an answer completes its request; an event becomes a delivery for the handlers.</summary>
    private Delivery? Receive(ReadOnlySpan<byte> message)
    {
        if (!Envelope.TryParse(message, out var envelope, out var rawRef, out var problem))
        {
            Reject("a frame that breaks the protocol (" + problem + ")");
            return null;
        }
        ReadOnlySpan<byte> name = envelope.UnescapedName ?? message[envelope.Name];
        var data = message[envelope.Data];
        if (name.SequenceEqual("reply"u8))
        {
            Answer(message[rawRef], data);
            return null;
        }
        if (name.SequenceEqual("error"u8))
        {
            return Error(message[rawRef], data);
        }
        var slot = Slot(name);
        if (slot is null)
        {
            Reject("the event '" + Encoding.UTF8.GetString(name) + "', which the contract does not send");
            return null;
        }
        if (!slot.TryRead(data, out var delivery, out var error))
        {
            Reject("'" + slot.Name + "' with data that does not match: " + error);
            return null;
        }
        return delivery;
    }

    /// <summary>Completes the request a <c>reply</c> answers.</summary>
    private void Answer(ReadOnlySpan<byte> rawRef, ReadOnlySpan<byte> data)
    {
        if (!TryParseRef(rawRef, out var id))
        {
            Reject("a reply without a ref this client sent");
            return;
        }
        if (!_pending.TryRemove(id, out var request))
        {
            // Most likely the answer to a request that timed out or was cancelled.
            Log.LateAnswer(_logger, Ref, id);
            return;
        }
        if (!request.TryComplete(data, out var problem))
        {
            Reject("the reply to '" + request.EventName + "': " + problem);
        }
    }

    /// <summary>Fails the request an <c>error</c> answers, or raises <see cref="ErrorReceived"/> when it answers none.</summary>
    private Delivery? Error(ReadOnlySpan<byte> rawRef, ReadOnlySpan<byte> data)
    {
        PendingRequest? request = null;
        if (!rawRef.IsEmpty && TryParseRef(rawRef, out var id))
        {
            _pending.TryRemove(id, out request);
        }
        if (!TryReadError(data, out var code, out var text))
        {
            Reject("an error frame without a code and a message");
            request?.Fail(new SocketProtocolException($"The server answered '{request.EventName}' with an error frame that has no code."));
            return null;
        }
        if (request is not null)
        {
            request.Fail(new SocketErrorException(code, text));
            return null;
        }
        Log.ServerError(_logger, Ref, code, text);
        return new ErrorDelivery(this, new SocketServerErrorEventArgs(code, text));
    }

    private static bool TryParseRef(ReadOnlySpan<byte> rawRef, out long id) =>
        Utf8Parser.TryParse(rawRef, out id, out var consumed) && consumed == rawRef.Length;

    private static bool TryReadError(ReadOnlySpan<byte> data, out string code, out string message)
    {
        code = message = "";
        try
        {
            var reader = new Utf8JsonReader(data);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCode = reader.ValueTextEquals("code"u8);
                var isMessage = reader.ValueTextEquals("message"u8);
                reader.Read();
                if ((isCode || isMessage) && reader.TokenType == JsonTokenType.String)
                {
                    _ = isCode ? code = reader.GetString()! : message = reader.GetString()!;
                }
                else
                {
                    reader.Skip();
                }
            }
            return code.Length > 0;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Logs and counts a frame from the server that the client skips.</summary>
    private void Reject(string what)
    {
        Interlocked.Increment(ref _rejectedFrames);
        ClientMetrics.FrameRejected(Ref);
        Log.FrameRejected(_logger, Ref, what);
    }

    private static byte[] Grow(byte[] buffer, int used, int limit)
    {
        var next = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit));
        buffer.AsSpan(0, used).CopyTo(next);
        ArrayPool<byte>.Shared.Return(buffer);
        return next;
    }
}
