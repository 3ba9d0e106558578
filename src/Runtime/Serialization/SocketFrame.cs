using System.Buffers;

namespace TypedSockets.Serialization;

/// <summary>
/// The UTF-8 bytes of one outbound text frame in a pooled array, shared by every recipient of a
/// broadcast and reference-counted: each queue that holds it owns one reference, and the array
/// goes back to the pool when the last reference is released.
/// </summary>
internal sealed class SocketFrame
{
    private byte[]? _buffer;
    private readonly int _length;
    private int _references;
    private static long s_live;

    public SocketFrame(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
        _references = 1;
        Interlocked.Increment(ref s_live);
    }

    public ReadOnlyMemory<byte> Memory =>
        _buffer is { } buffer ? buffer.AsMemory(0, _length) : throw new ObjectDisposedException(nameof(SocketFrame));

    public int Length => _length;

    /// <summary>
    /// The event name when the frame carries a volatile event, which a newer frame of the same
    /// event may replace in a full queue; <see langword="null"/> otherwise.
    /// </summary>
    public string? VolatileKey { get; init; }

    /// <summary>Frames whose buffer has not gone back to the pool yet, across the process: a leak shows here.</summary>
    public static long Live => Volatile.Read(ref s_live);

    /// <summary>Takes one more reference; the caller must <see cref="Release"/> it.</summary>
    public void AddReference() => Interlocked.Increment(ref _references);

    /// <summary>Gives up one reference; the last one returns the buffer to the pool.</summary>
    public void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left == 0)
        {
            var buffer = Interlocked.Exchange(ref _buffer, null);
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                Interlocked.Decrement(ref s_live);
            }
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("A socket frame was released more often than it was referenced.");
        }
    }

    /// <summary>A frame holding a copy of <paramref name="bytes"/>.</summary>
    public static SocketFrame CopyOf(ReadOnlySpan<byte> bytes, string? volatileKey = null)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bytes.Length, 1));
        bytes.CopyTo(buffer);
        return new SocketFrame(buffer, bytes.Length) { VolatileKey = volatileKey };
    }
}
