using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using TypedSockets.Serialization;

namespace TypedSockets;

/// <summary>
/// Serializes events to UTF-8 JSON and parses them back with the generated code: the same bytes
/// <see cref="JsonSerializer"/> writes with <see cref="JsonSerializerDefaults.Web"/>, and errors
/// with a JSON path instead of exceptions. For logs, tests and storage. <c>TEvent</c> is a
/// <see cref="SocketEventAttribute"/> type; any other type is error TSK021 at compile time.
/// </summary>
public static class SocketJson
{
    /// <summary>The reader's nesting limit, the same as <see cref="JsonSerializer"/>'s default.</summary>
    public const int MaxDepth = 64;

    internal static readonly JsonWriterOptions WriterOptions = new() { MaxDepth = MaxDepth };

    internal static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    /// <summary>The event's JSON as UTF-8 bytes.</summary>
    public static byte[] Serialize<[SocketEventTypeParameter] TEvent>(TEvent value) => Data(SocketEventCodec<TEvent>.Instance, value);

    /// <summary>The event's JSON as a string.</summary>
    public static string SerializeToString<[SocketEventTypeParameter] TEvent>(TEvent value) =>
        Encoding.UTF8.GetString(Data(SocketEventCodec<TEvent>.Instance, value));

    /// <summary>Writes the event's JSON to <paramref name="output"/>.</summary>
    public static void Serialize<[SocketEventTypeParameter] TEvent>(IBufferWriter<byte> output, TEvent value)
    {
        ArgumentNullException.ThrowIfNull(output);
        var codec = SocketEventCodec<TEvent>.Instance;
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        codec.Write(writer, value);
    }

    /// <summary>Parses an event from UTF-8 JSON.</summary>
    /// <returns><see langword="false"/> with <paramref name="error"/> (JSON path and reason) when the
    /// input is not valid JSON or does not match the event's type; never throws for bad input.</returns>
    public static bool TryDeserialize<[SocketEventTypeParameter] TEvent>(
        ReadOnlySpan<byte> utf8Json,
        [MaybeNullWhen(false)] out TEvent value,
        [NotNullWhen(false)] out SocketJsonError? error)
    {
        var codec = SocketEventCodec<TEvent>.Instance;
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                value = default;
                error = SocketJsonError.Create("the input is empty");
                return false;
            }
            if (!codec.TryRead(ref reader, out value, out error))
            {
                return false;
            }
            if (reader.Read())
            {
                value = default;
                error = SocketJsonError.Create("unexpected data after the value");
                return false;
            }
            return true;
        }
        catch (JsonException exception)
        {
            value = default;
            error = SocketJsonError.Create(DescribeMalformed(exception));
            return false;
        }
        catch (InvalidOperationException exception)
        {
            // Utf8JsonReader reports a few conversions (e.g. an unescapable string) this way.
            value = default;
            error = SocketJsonError.Create(exception.Message);
            return false;
        }
    }

    /// <summary>Parses an event from a JSON string.</summary>
    public static bool TryDeserialize<[SocketEventTypeParameter] TEvent>(
        string json,
        [MaybeNullWhen(false)] out TEvent value,
        [NotNullWhen(false)] out SocketJsonError? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        return TryDeserialize(Encoding.UTF8.GetBytes(json), out value, out error);
    }

    private static byte[] Data<TEvent>(SocketEventCodec<TEvent> codec, TEvent value)
    {
        var (buffer, writer) = JsonScratch.Rent();
        try
        {
            codec.Write(writer, value);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            JsonScratch.Reset(buffer, writer);
        }
    }

    internal static string DescribeMalformed(JsonException exception) =>
        "malformed JSON: " + exception.Message;
}
