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

    /// <summary><c>{"event":"name","data":value}</c></summary>
    public static SocketFrame Event<TEvent>(SocketEventCodec<TEvent> codec, TEvent value)
    {
        var (buffer, writer) = JsonScratch.Rent();
        try
        {
            WriteEvent(writer, codec, value);
            return Detach(buffer, writer, codec.IsVolatile ? codec.EventName : null);
        }
        catch
        {
            JsonScratch.Reset(buffer, writer);
            throw;
        }
    }

    /// <summary><c>{"event":"reply","ref":ref,"data":{"event":"name","data":value}}</c></summary>
    public static SocketFrame Reply<TEvent>(ReadOnlySpan<byte> rawRef, SocketEventCodec<TEvent> codec, TEvent value)
    {
        var (buffer, writer) = JsonScratch.Rent();
        try
        {
            writer.WriteStartObject();
            writer.WriteString(EventProperty, ReplyEvent);
            writer.WritePropertyName(RefProperty);
            writer.WriteRawValue(rawRef, skipInputValidation: true);
            writer.WritePropertyName(DataProperty);
            WriteEvent(writer, codec, value);
            writer.WriteEndObject();
            return Detach(buffer, writer);
        }
        catch
        {
            JsonScratch.Reset(buffer, writer);
            throw;
        }
    }

    /// <summary><c>{"event":"reply","ref":ref,"data":null}</c>: a request whose handler returns nothing is done.</summary>
    public static SocketFrame EmptyReply(ReadOnlySpan<byte> rawRef)
    {
        var (buffer, writer) = JsonScratch.Rent();
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
        var (buffer, writer) = JsonScratch.Rent();
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

    private static void WriteEvent<TEvent>(Utf8JsonWriter writer, SocketEventCodec<TEvent> codec, TEvent value)
    {
        writer.WriteStartObject();
        writer.WriteString(EventProperty, codec.EncodedName);
        writer.WritePropertyName(DataProperty);
        codec.Write(writer, value);
        writer.WriteEndObject();
    }

    private static SocketFrame Detach(PooledBufferWriter buffer, Utf8JsonWriter writer, string? volatileKey = null)
    {
        var (array, length) = JsonScratch.Detach(buffer, writer);
        return new SocketFrame(array, length) { VolatileKey = volatileKey };
    }
}
