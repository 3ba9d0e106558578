using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Net.WebSockets;
using System.Text.Json;
using TypedSockets.Serialization;

namespace TypedSockets.Client;

public abstract partial class SocketEndpointClient
{
    private readonly ConcurrentDictionary<long, PendingRequest> _pending = new();
    private long _nextRef;

    /// <summary>
    /// Sends <paramref name="value"/> without waiting for the server: the task completes once the
    /// frame is written. The server's refusal, if any, arrives as <see cref="ErrorReceived"/>.
    /// </summary>
    /// <exception cref="SocketDisconnectedException">The client is not connected.</exception>
    protected Task PostAsync<TEvent>(TEvent value, CancellationToken cancellationToken)
        where TEvent : ISocketEvent<TEvent>
    {
        ArgumentNullException.ThrowIfNull(value);
        return SendAsync(value, 0, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="value"/> as a request and waits until the server has handled it (its
    /// empty answer), so a refusal fails the call.
    /// </summary>
    /// <exception cref="SocketErrorException">The server answered with an error (its code and message).</exception>
    /// <exception cref="SocketRequestTimeoutException">No answer within the timeout.</exception>
    /// <exception cref="SocketDisconnectedException">Not connected, or the connection was lost before the answer.</exception>
    protected Task InvokeAsync<TEvent>(TEvent value, TimeSpan? timeout, CancellationToken cancellationToken)
        where TEvent : ISocketEvent<TEvent>
    {
        ArgumentNullException.ThrowIfNull(value);
        return RequestCoreAsync(value, new PendingAnswer(TEvent.EventName), timeout, cancellationToken);
    }

    /// <summary>Sends <paramref name="value"/> as a request and returns the server's reply.</summary>
    /// <exception cref="SocketErrorException">The server answered with an error (its code and message).</exception>
    /// <exception cref="SocketRequestTimeoutException">No answer within the timeout.</exception>
    /// <exception cref="SocketDisconnectedException">Not connected, or the connection was lost before the answer.</exception>
    /// <exception cref="SocketProtocolException">The server answered with something other than a <typeparamref name="TReply"/>.</exception>
    protected async Task<TReply> RequestAsync<TEvent, TReply>(TEvent value, TimeSpan? timeout, CancellationToken cancellationToken)
        where TEvent : ISocketEvent<TEvent>
        where TReply : ISocketEvent<TReply>
    {
        ArgumentNullException.ThrowIfNull(value);
        var reply = new PendingReply<TReply>(TEvent.EventName);
        await RequestCoreAsync(value, reply, timeout, cancellationToken).ConfigureAwait(false);
        return reply.Value!;
    }

    private async Task RequestCoreAsync<TEvent>(TEvent value, PendingRequest request, TimeSpan? timeout, CancellationToken cancellationToken)
        where TEvent : ISocketEvent<TEvent>
    {
        var wait = timeout ?? _options.RequestTimeout;
        if (wait <= TimeSpan.Zero && wait != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), wait, "The timeout must be positive, or Timeout.InfiniteTimeSpan.");
        }
        var id = Interlocked.Increment(ref _nextRef);
        _pending[id] = request;
        try
        {
            await SendAsync(value, id, cancellationToken).ConfigureAwait(false);
            await request.Task.WaitAsync(wait, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!request.Task.IsCompleted)
        {
            throw new SocketRequestTimeoutException(request.EventName, wait);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Writes <c>{"event":…,"ref":…,"data":…}</c> (no <c>ref</c> when <paramref name="id"/> is 0) and sends it.</summary>
    private async Task SendAsync<TEvent>(TEvent value, long id, CancellationToken cancellationToken)
        where TEvent : ISocketEvent<TEvent>
    {
        var connection = _connection ?? throw NotConnected(TEvent.EventName);
        var (frame, length) = Frame(value, id);
        try
        {
            await connection.SendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // No token: cancelling a WebSocket send part-way aborts the whole connection.
                await connection.Socket.SendAsync(frame.AsMemory(0, length), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None)
                    .ConfigureAwait(false);
            }
            finally
            {
                connection.SendLock.Release();
            }
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or ObjectDisposedException)
        {
            throw new SocketDisconnectedException($"The connection was lost while sending '{TEvent.EventName}'.", exception);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    private static (byte[] Frame, int Length) Frame<TEvent>(TEvent value, long id)
        where TEvent : ISocketEvent<TEvent>
    {
        var codec = SocketEventCodec.For<TEvent>();
        var (buffer, writer) = JsonScratch.Rent();
        try
        {
            writer.WriteStartObject();
            writer.WriteString("event"u8, codec.EncodedName);
            if (id != 0)
            {
                writer.WriteNumber("ref"u8, id);
            }
            writer.WritePropertyName("data"u8);
            codec.Write(writer, value);
            writer.WriteEndObject();
            return JsonScratch.Detach(buffer, writer);
        }
        catch
        {
            JsonScratch.Reset(buffer, writer);
            throw;
        }
    }

    private SocketDisconnectedException NotConnected(string eventName) =>
        new($"Cannot send '{eventName}': the client is {State}. Sends fail at once while it is not connected; " +
            "await ConnectAsync first, or watch StateChanged for Connected after a reconnect.");

    /// <summary>Fails every request still waiting: their connection is gone, and their answers with it.</summary>
    private void FailPending(Exception? error)
    {
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var request))
            {
                request.Fail(new SocketDisconnectedException(
                    $"The connection was lost before the server answered '{request.EventName}'. It may have handled it.", error));
            }
        }
    }

    /// <summary>A request waiting for its answer.</summary>
    private abstract class PendingRequest(string eventName)
    {
        private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string EventName { get; } = eventName;

        public Task Task => _completion.Task;

        /// <summary>Completes the request with the <c>data</c> of its <c>reply</c>; false (the request failed) when it does not fit.</summary>
        public bool TryComplete(ReadOnlySpan<byte> data, [NotNullWhen(false)] out string? problem)
        {
            if (TryRead(data, out problem))
            {
                _completion.TrySetResult();
                return true;
            }
            Fail(new SocketProtocolException($"The server answered '{EventName}' with {problem}."));
            return false;
        }

        public void Fail(Exception exception) => _completion.TrySetException(exception);

        protected abstract bool TryRead(ReadOnlySpan<byte> data, [NotNullWhen(false)] out string? problem);
    }

    /// <summary>A request whose handler returns nothing: any answer completes it.</summary>
    private sealed class PendingAnswer(string eventName) : PendingRequest(eventName)
    {
        protected override bool TryRead(ReadOnlySpan<byte> data, [NotNullWhen(false)] out string? problem)
        {
            problem = null;
            return true;
        }
    }

    /// <summary>A request answered with a <typeparamref name="TReply"/>: <c>{"event":"pong","data":…}</c>.</summary>
    private sealed class PendingReply<TReply>(string eventName) : PendingRequest(eventName)
        where TReply : ISocketEvent<TReply>
    {
        // Event names are plain ASCII, so the codec's escaped name is the name's own bytes.
        private static readonly SocketEventCodec<TReply> s_codec = SocketEventCodec.For<TReply>();

        public TReply? Value { get; private set; }

        protected override bool TryRead(ReadOnlySpan<byte> data, [NotNullWhen(false)] out string? problem)
        {
            if (data.IsEmpty || data.SequenceEqual("null"u8))
            {
                problem = $"no reply where '{TReply.EventName}' was due";
                return false;
            }
            if (!Envelope.TryParse(data, out var inner, out _, out var malformed))
            {
                problem = "a reply that is not an event (" + malformed + ")";
                return false;
            }
            ReadOnlySpan<byte> name = inner.UnescapedName ?? data[inner.Name];
            if (!name.SequenceEqual(s_codec.EncodedName.EncodedUtf8Bytes))
            {
                problem = $"'{System.Text.Encoding.UTF8.GetString(name)}' where '{TReply.EventName}' was due";
                return false;
            }
            if (!SocketJson.TryDeserialize<TReply>(data[inner.Data], out var value, out var error))
            {
                problem = $"'{TReply.EventName}' data that does not match: {error}";
                return false;
            }
            Value = value;
            problem = null;
            return true;
        }
    }
}
