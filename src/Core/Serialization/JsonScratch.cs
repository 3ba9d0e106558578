using System.Text.Json;

namespace TypedSockets.Serialization;

/// <summary>
/// One pooled buffer and one <see cref="Utf8JsonWriter"/> per thread, reused for every frame and
/// every serialized event: writing costs the pooled array only. Callers finish with the pair
/// (detach or reset it) before they write anything else on the same thread.
/// </summary>
internal static class JsonScratch
{
    [ThreadStatic] private static PooledBufferWriter? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    public static (PooledBufferWriter Buffer, Utf8JsonWriter Writer) Rent()
    {
        var buffer = t_buffer ??= new PooledBufferWriter();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, SocketJson.WriterOptions);
        return (buffer, writer);
    }

    /// <summary>Flushes the writer and hands over its filled array; the pair is ready for the next use.</summary>
    public static (byte[] Array, int Length) Detach(PooledBufferWriter buffer, Utf8JsonWriter writer)
    {
        writer.Flush();
        var detached = buffer.Detach();
        writer.Reset(buffer);
        return detached;
    }

    /// <summary>Drops what was written; the pair is ready for the next use.</summary>
    public static void Reset(PooledBufferWriter buffer, Utf8JsonWriter writer)
    {
        buffer.Clear();
        writer.Reset(buffer);
    }
}
