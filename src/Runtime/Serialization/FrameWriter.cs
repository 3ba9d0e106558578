using System.Text.Json;

namespace TypedSockets.Serialization;

/// <summary>
/// Writes protocol frames (<c>{"event":…,"data":…}</c>, replies, errors) straight into pooled
/// buffers. One writer and one buffer per thread are reused, so a frame costs its pooled array only.
/// </summary>
internal static class FrameWriter
{
    private static readonly JsonEncodedText EventProperty = JsonEncodedText.Encode("event");
    private static readonly JsonEncodedText DataProperty = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText RefProperty = JsonEncodedText.Encode("ref");
    private static readonly JsonEncodedText CodeProperty = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText MessageProperty = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText ReplyEvent = JsonEncodedText.Encode("reply");
    private static readonly JsonEncodedText ErrorEvent = JsonEncodedText.Encode("error");

    [ThreadStatic] private static PooledBufferWriter? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary><c>{"event":"name","data":value}</c></summary>
    public static SocketFrame Event<TEvent>(TEvent value) where TEvent : ISocketEvent<TEvent>
    {
        var (buffer, writer) = Rent();
        try
        {
            WriteEvent(writer, value);
            return Detach(buffer, writer, TEvent.IsVolatile ? TEvent.EventName : null);
        }
        catch
        {
            Reset(buffer, writer);
            throw;
        }
    }

    /// <summary><c>{"event":"reply","ref":ref,"data":{"event":"name","data":value}}</c></summary>
    public static SocketFrame Reply<TEvent>(ReadOnlySpan<byte> rawRef, TEvent value) where TEvent : ISocketEvent<TEvent>
    {
        var (buffer, writer) = Rent();
        try
        {
            writer.WriteStartObject();
            writer.WriteString(EventProperty, ReplyEvent);
            writer.WritePropertyName(RefProperty);
            writer.WriteRawValue(rawRef, skipInputValidation: true);
            writer.WritePropertyName(DataProperty);
            WriteEvent(writer, value);
            writer.WriteEndObject();
            return Detach(buffer, writer);
        }
        catch
        {
            Reset(buffer, writer);
            throw;
        }
    }

    /// <summary><c>{"event":"reply","ref":ref,"data":null}</c>: a request whose handler returns nothing is done.</summary>
    public static SocketFrame EmptyReply(ReadOnlySpan<byte> rawRef)
    {
        var (buffer, writer) = Rent();
        writer.WriteStartObject();
        writer.WriteString(EventProperty, ReplyEvent);
        writer.WritePropertyName(RefProperty);
        writer.WriteRawValue(rawRef, skipInputValidation: true);
        writer.WriteNull(DataProperty);
        writer.WriteEndObject();
        return Detach(buffer, writer);
    }

    /// <summary><c>{"event":"error","ref":ref,"data":{"code":code,"message":message}}</c>, without <c>ref</c> when there is none.</summary>
    public static SocketFrame Error(ReadOnlySpan<byte> rawRef, string code, string message)
    {
        var (buffer, writer) = Rent();
        writer.WriteStartObject();
        writer.WriteString(EventProperty, ErrorEvent);
        if (!rawRef.IsEmpty)
        {
            writer.WritePropertyName(RefProperty);
            writer.WriteRawValue(rawRef, skipInputValidation: true);
        }
        writer.WriteStartObject(DataProperty);
        writer.WriteString(CodeProperty, code);
        writer.WriteString(MessageProperty, message);
        writer.WriteEndObject();
        writer.WriteEndObject();
        return Detach(buffer, writer);
    }

    /// <summary>The event's JSON alone, as <see cref="SocketJson"/> gives it.</summary>
    public static byte[] Data<TEvent>(TEvent value) where TEvent : ISocketEvent<TEvent>
    {
        var (buffer, writer) = Rent();
        try
        {
            TEvent.Write(writer, value);
            writer.Flush();
            var bytes = buffer.WrittenSpan.ToArray();
            Reset(buffer, writer);
            return bytes;
        }
        catch
        {
            Reset(buffer, writer);
            throw;
        }
    }

    private static void WriteEvent<TEvent>(Utf8JsonWriter writer, TEvent value) where TEvent : ISocketEvent<TEvent>
    {
        writer.WriteStartObject();
        writer.WriteString(EventProperty, EventNames<TEvent>.Encoded);
        writer.WritePropertyName(DataProperty);
        TEvent.Write(writer, value);
        writer.WriteEndObject();
    }

    private static (PooledBufferWriter Buffer, Utf8JsonWriter Writer) Rent()
    {
        var buffer = t_buffer ??= new PooledBufferWriter();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, SocketJson.WriterOptions);
        return (buffer, writer);
    }

    private static SocketFrame Detach(PooledBufferWriter buffer, Utf8JsonWriter writer, string? volatileKey = null)
    {
        writer.Flush();
        var (array, length) = buffer.Detach();
        writer.Reset(buffer);
        return new SocketFrame(array, length) { VolatileKey = volatileKey };
    }

    private static void Reset(PooledBufferWriter buffer, Utf8JsonWriter writer)
    {
        buffer.Clear();
        writer.Reset(buffer);
    }
}
