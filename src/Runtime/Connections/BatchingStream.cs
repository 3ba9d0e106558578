using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using TypedSockets.Serialization;

namespace TypedSockets.Connections;

/// <summary>
/// The connection's transport as the WebSocket sees it. Outside a batch, writes go straight
/// through. Inside one, the WebSocket's frames are gathered in a pooled buffer, and
/// <see cref="EndBatchAsync"/> hands them to Kestrel in one write and one flush: a burst of frames
/// for a client costs one send on the socket instead of one per frame.
/// </summary>
/// <remarks>
/// The WebSocket writes one whole frame per call and never two at once (its own send lock), so
/// frames never interleave; a control frame (a pong, a ping) written during a batch joins it, and
/// one written while a batch is being flushed waits for the flush (<c>_writeLock</c>).
/// </remarks>
internal sealed class BatchingStream(Stream inner, Action abortConnection) : Stream
{
    private readonly Lock _gate = new();

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly PooledBufferWriter _batch = new();
    private bool _batching;

    /// <summary>
    /// The WebSocket over this stream. When it disposes the stream after aborting (a keep-alive
    /// timeout, the close timeout), the HTTP connection is aborted too, which ends a read still
    /// pending; after a closing handshake the stream is only closed, so nothing sent is lost.
    /// </summary>
    public WebSocket? Socket { get; set; }

    public void BeginBatch()
    {
        lock (_gate)
        {
            _batching = true;
        }
    }

    /// <summary>Writes and flushes what the batch gathered; later writes go straight through again.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask EndBatchAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            byte[] gathered;
            int length;
            lock (_gate)
            {
                _batching = false;
                (gathered, length) = _batch.Detach();
            }
            try
            {
                if (length > 0)
                {
                    await inner.WriteAsync(gathered.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                    await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                if (gathered.Length > 0)
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(gathered);
                }
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_batching)
            {
                buffer.Span.CopyTo(_batch.GetSpan(buffer.Length));
                _batch.Advance(buffer.Length);
                return ValueTask.CompletedTask;
            }
        }
        return WriteThroughAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_batching)
            {
                return Task.CompletedTask;
            }
        }
        return inner.FlushAsync(cancellationToken);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (Socket?.State == WebSocketState.Aborted)
            {
                abortConnection();
            }
            inner.Dispose();
            lock (_gate)
            {
                _batch.Clear();
            }
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Socket?.State == WebSocketState.Aborted)
        {
            abortConnection();
        }
        await inner.DisposeAsync().ConfigureAwait(false);
        lock (_gate)
        {
            _batch.Clear();
        }
        await base.DisposeAsync().ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteThroughAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
