using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using TypedSockets.Serialization;

namespace TypedSockets.Endpoints;

/// <summary>
/// One inbound event on its way to a handler: the generated dispatch reads its data with
/// <see cref="TryRead{TEvent}(out TEvent)"/> and hands the handler's result to one of the completion
/// methods. Reused for each message of a connection.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SocketInvocation
{
    private ReadOnlyMemory<byte> _message;
    private Envelope _envelope;
    private SubscriberRegistry? _subscribers;

    internal SocketInvocation(SocketClient client) => Client = client;

    /// <summary>The client that sent the event.</summary>
    public SocketClient Client { get; }

    /// <summary>Cancelled when the client disconnects.</summary>
    public CancellationToken CancellationToken => Client.Disconnected;

    /// <summary>The event name, unescaped UTF-8.</summary>
    public ReadOnlySpan<byte> EventName =>
        _envelope.UnescapedName is { } name ? name : _message.Span[_envelope.Name];

    internal bool HasRef => !RefSpan.IsEmpty;

    internal ReadOnlySpan<byte> RefSpan => _message.Span[_envelope.Ref];

    internal bool Replied { get; private set; }

    internal string? ErrorCode { get; private set; }

    internal string? ErrorMessage { get; private set; }

    internal void Reset(ReadOnlyMemory<byte> message, in Envelope envelope, SubscriberRegistry subscribers)
    {
        _message = message;
        _envelope = envelope;
        _subscribers = subscribers;
        Replied = false;
        ErrorCode = null;
        ErrorMessage = null;
    }

    internal void Clear()
    {
        _message = default;
        _envelope = default;
    }

    /// <summary>
    /// Reads the event's data. On failure records an <c>invalid_data</c> error (sent to the client
    /// with the JSON path) and returns <see langword="false"/>. On success the event's subscribers
    /// see it before the handler runs.
    /// </summary>
    public bool TryRead<TEvent>([MaybeNullWhen(false)] out TEvent value) where TEvent : ISocketEvent<TEvent> =>
        TryRead(SocketEventCodec.For<TEvent>(), out value);

    /// <summary>Reads the event's data with <paramref name="codec"/>; see <see cref="TryRead{TEvent}(out TEvent)"/>.</summary>
    internal bool TryRead<TEvent>(SocketEventCodec<TEvent> codec, [MaybeNullWhen(false)] out TEvent value)
    {
        // A frame without "data" carries an empty object, so events without members need none.
        var data = _envelope.Data.Equals(default(Range)) ? "{}"u8 : _message.Span[_envelope.Data];
        var reader = new Utf8JsonReader(data, SocketJson.ReaderOptions);
        SocketJsonError? error;
        try
        {
            reader.Read();
            if (codec.TryRead(ref reader, out value, out error))
            {
                _subscribers?.Publish(Client, value);
                return true;
            }
        }
        catch (JsonException exception)
        {
            value = default;
            error = SocketJsonError.Create(SocketJson.DescribeMalformed(exception));
        }
        catch (InvalidOperationException exception)
        {
            value = default;
            error = SocketJsonError.Create(exception.Message);
        }
        Fail(SocketErrorCodes.InvalidData, $"Invalid data for event '{codec.EventName}': {error.AtProperty("data")}");
        return false;
    }

    /// <summary>
    /// Handles an event no handler of the endpoint takes: when server code subscribed to an event of
    /// that name (<c>Subscribe</c>, <c>ReadEventsAsync</c>), it is read and seen by the subscribers;
    /// otherwise the client gets <c>unknown_event</c>.
    /// </summary>
    public ValueTask UnknownEvent()
    {
        if (_subscribers?.Find(EventName) is { } subscribers)
        {
            subscribers.ReadAndPublish(this);
            return ValueTask.CompletedTask;
        }
        Fail(SocketErrorCodes.UnknownEvent, $"Unknown event '{Encoding.UTF8.GetString(EventName)}'.");
        return ValueTask.CompletedTask;
    }

    /// <summary>Sends <paramref name="value"/> to the sender: as the reply to its <c>ref</c>, or as a plain event without one.</summary>
    public ValueTask ReplyAsync<TEvent>(TEvent value) where TEvent : ISocketEvent<TEvent>
    {
        if (value is null)
        {
            Replied = false;
            return ValueTask.CompletedTask;
        }
        var codec = SocketEventCodec.For<TEvent>();
        var frame = HasRef ? FrameWriter.Reply(RefSpan, codec, value) : FrameWriter.Event(codec, value);
        Client.Deliver(frame);
        frame.Release();
        Replied = true;
        return ValueTask.CompletedTask;
    }

    /// <summary>Awaits the handler, then replies with its result.</summary>
    public async ValueTask ReplyAsync<TEvent>(ValueTask<TEvent> pending) where TEvent : ISocketEvent<TEvent> =>
        await ReplyAsync(await pending.ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary>Awaits the handler, then replies with its result.</summary>
    public async ValueTask ReplyAsync<TEvent>(Task<TEvent> pending) where TEvent : ISocketEvent<TEvent>
    {
        ArgumentNullException.ThrowIfNull(pending);
        await ReplyAsync(await pending.ConfigureAwait(false)).ConfigureAwait(false);
    }

    internal void Fail(string code, string message)
    {
        ErrorCode = code;
        ErrorMessage = message;
    }
}
