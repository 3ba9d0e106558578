using System.Buffers;

namespace TypedSockets.Serialization;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over arrays rented from <see cref="ArrayPool{T}.Shared"/>
/// whose filled array can be handed over (<see cref="Detach"/>) instead of copied.
/// </summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>
{
    private const int MinimumSize = 256;
    private byte[] _buffer = [];
    private int _written;

    public int WrittenCount => _written;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_written + count > _buffer.Length)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer.");
        }
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Hands the rented array and its length to the caller, who must return it to the pool.</summary>
    public (byte[] Buffer, int Length) Detach()
    {
        var result = (_buffer, _written);
        _buffer = [];
        _written = 0;
        return result;
    }

    /// <summary>Forgets what was written, returning the array to the pool.</summary>
    public void Clear()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
        _buffer = [];
        _written = 0;
    }

    private void Ensure(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= sizeHint)
        {
            return;
        }
        var size = Math.Max(Math.Max(MinimumSize, _buffer.Length * 2), _written + sizeHint);
        var next = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _written).CopyTo(next);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
        _buffer = next;
    }
}
