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

    public SocketFrame(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
        _references = 1;
    }

    public ReadOnlyMemory<byte> Memory =>
        _buffer is { } buffer ? buffer.AsMemory(0, _length) : throw new ObjectDisposedException(nameof(SocketFrame));

    public int Length => _length;

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
            }
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("A socket frame was released more often than it was referenced.");
        }
    }

    /// <summary>A frame holding a copy of <paramref name="bytes"/>.</summary>
    public static SocketFrame CopyOf(ReadOnlySpan<byte> bytes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bytes.Length, 1));
        bytes.CopyTo(buffer);
        return new SocketFrame(buffer, bytes.Length);
    }
}
