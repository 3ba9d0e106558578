using System.Threading.Tasks.Sources;
using TypedSockets.Serialization;

namespace TypedSockets.Connections;

/// <summary>What became of a frame offered to a <see cref="SendQueue"/>.</summary>
internal enum EnqueueOutcome
{
    /// <summary>Queued, with room to spare.</summary>
    Queued,

    /// <summary>Queued after older frames were dropped to make room (volatile, or the drop-oldest policy).</summary>
    QueuedAfterDropping,

    /// <summary>Not queued: a volatile frame with no older frame of its event to replace.</summary>
    Dropped,

    /// <summary>Not queued: the queue is full and the policy is to disconnect.</summary>
    Full,

    /// <summary>Not queued: the queue no longer takes frames.</summary>
    Closed,
}

/// <summary>
/// One client's outbound queue: bounded in frames and in bytes, written by any thread (a broadcast
/// never waits on it), read by the client's send loop alone. A full queue applies the slow-consumer
/// policy on the spot. The reader waits without allocating: the queue is its own value-task source
/// and its own thread-pool work item for the wake-up.
/// </summary>
internal sealed class SendQueue : IValueTaskSource<bool>, IThreadPoolWorkItem
{
    private const int InitialRing = 16;
    private readonly Lock _lock = new();
    private readonly int _capacity;
    private readonly long _byteLimit;
    private readonly SlowConsumerPolicy _policy;
    private ManualResetValueTaskSourceCore<bool> _signal;
    private SocketFrame?[] _ring;
    private int _head;
    private int _count;
    private long _bytes;
    private bool _completed;
    private bool _readerWaiting;

    public SendQueue(int capacity, long byteLimit, SlowConsumerPolicy policy)
    {
        // The ring starts small and doubles up to the capacity: most clients never have more than a
        // few frames waiting, and an idle connection should not hold a full-size ring.
        _capacity = capacity;
        _ring = new SocketFrame?[Math.Min(InitialRing, capacity)];
        _byteLimit = byteLimit;
        _policy = policy;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>
    /// Offers a frame; when it is queued the queue holds a reference of its own. Frames it drops
    /// to make room are released, and counted in <paramref name="dropped"/>.
    /// </summary>
    public EnqueueOutcome TryEnqueue(SocketFrame frame, out int dropped)
    {
        dropped = 0;
        EnqueueOutcome outcome;
        bool wake;
        lock (_lock)
        {
            if (_completed)
            {
                return EnqueueOutcome.Closed;
            }
            outcome = EnqueueOutcome.Queued;
            if (!Fits(frame.Length))
            {
                if (frame.VolatileKey is { } key)
                {
                    // Only the latest value matters: the oldest stale copy makes way, or the new one is dropped.
                    var stale = IndexOf(key);
                    if (stale < 0)
                    {
                        return EnqueueOutcome.Dropped;
                    }
                    RemoveAt(stale).Release();
                    dropped = 1;
                }
                else if (_policy == SlowConsumerPolicy.DropOldest)
                {
                    while (!Fits(frame.Length))
                    {
                        RemoveAt(0).Release();
                        dropped++;
                    }
                }
                else
                {
                    return EnqueueOutcome.Full;
                }
                if (!Fits(frame.Length))
                {
                    return EnqueueOutcome.Dropped;
                }
                outcome = EnqueueOutcome.QueuedAfterDropping;
            }
            frame.AddReference();
            if (_count == _ring.Length)
            {
                Grow();
            }
            _ring[(_head + _count) % _ring.Length] = frame;
            _count++;
            _bytes += frame.Length;
            wake = _readerWaiting;
            _readerWaiting = false;
        }
        if (wake)
        {
            // Never run the send loop on the broadcaster's stack.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        return outcome;
    }

    /// <summary>Moves up to <paramref name="into"/>'s length of frames to the caller, who then owns their references.</summary>
    public int Dequeue(Span<SocketFrame?> into)
    {
        lock (_lock)
        {
            var taken = Math.Min(into.Length, _count);
            for (var i = 0; i < taken; i++)
            {
                var frame = _ring[_head]!;
                _ring[_head] = null;
                _head = (_head + 1) % _ring.Length;
                _bytes -= frame.Length;
                into[i] = frame;
            }
            _count -= taken;
            return taken;
        }
    }

    /// <summary>True when frames are waiting, false once the queue is completed and empty.</summary>
    public ValueTask<bool> WaitToReadAsync()
    {
        lock (_lock)
        {
            if (_count > 0)
            {
                return new ValueTask<bool>(true);
            }
            if (_completed)
            {
                return new ValueTask<bool>(false);
            }
            _signal.Reset();
            _readerWaiting = true;
            return new ValueTask<bool>(this, _signal.Version);
        }
    }

    /// <summary>Takes no more frames; with <paramref name="discard"/>, also releases the queued ones.</summary>
    public void Complete(bool discard)
    {
        bool wake;
        lock (_lock)
        {
            _completed = true;
            if (discard)
            {
                while (_count > 0)
                {
                    RemoveAt(0).Release();
                }
            }
            wake = _readerWaiting;
            _readerWaiting = false;
        }
        if (wake)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private bool Fits(int length) => _count == 0 || (_count < _capacity && _bytes + length <= _byteLimit);

    private void Grow()
    {
        var next = new SocketFrame?[Math.Min(_ring.Length * 2, _capacity)];
        for (var i = 0; i < _count; i++)
        {
            next[i] = _ring[(_head + i) % _ring.Length];
        }
        _ring = next;
        _head = 0;
    }

    private int IndexOf(string volatileKey)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_ring[(_head + i) % _ring.Length]!.VolatileKey, volatileKey, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Takes out the frame <paramref name="offset"/> places after the head, closing the gap.</summary>
    private SocketFrame RemoveAt(int offset)
    {
        var length = _ring.Length;
        var frame = _ring[(_head + offset) % length]!;
        if (offset == 0)
        {
            _ring[_head] = null;
            _head = (_head + 1) % length;
        }
        else
        {
            for (var i = offset; i < _count - 1; i++)
            {
                _ring[(_head + i) % length] = _ring[(_head + i + 1) % length];
            }
            _ring[(_head + _count - 1) % length] = null;
        }
        _count--;
        _bytes -= frame.Length;
        return frame;
    }

    void IThreadPoolWorkItem.Execute()
    {
        bool more;
        lock (_lock)
        {
            more = _count > 0 || !_completed;
        }
        _signal.SetResult(more);
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _signal.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _signal.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _signal.OnCompleted(continuation, state, token, flags);
}
