using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Threading.Channels;
using TypedSockets.Client.Telemetry;
using TypedSockets.Serialization;

namespace TypedSockets.Client;

public abstract partial class SocketEndpointClient
{
    /// <summary>The client whose handler is running on this flow, so it does not wait for itself when disposed.</summary>
    private static readonly AsyncLocal<SocketEndpointClient?> InHandler = new();

    private EventSlot[] _slots = [];
    private readonly HashSet<IReaderCompletion> _readers = [];

    /// <summary>
    /// Declares an event the server may send this client. Generated clients declare every event of
    /// their contract in their constructor; a frame of any other event is rejected.
    /// </summary>
    protected void Receives<TEvent>()
        where TEvent : ISocketEvent<TEvent>
    {
        lock (_gate)
        {
            if (FindSlot<TEvent>() is null)
            {
                _slots = [.. _slots, new EventSlot<TEvent>()];
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="handler"/> for every <typeparamref name="TEvent"/> received, after the
    /// handlers of the events before it; the token is cancelled when the client is disposed.
    /// </summary>
    /// <returns>Disposing it stops the calls.</returns>
    protected IDisposable Subscribe<TEvent>(Func<TEvent, CancellationToken, ValueTask> handler)
        where TEvent : ISocketEvent<TEvent>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var slot = FindSlot<TEvent>() ?? throw new InvalidOperationException(
            $"The contract of '{Ref}' does not send '{TEvent.EventName}' to clients.");
        slot.Add(handler);
        return new Unsubscriber(() => slot.Remove(handler));
    }

    /// <summary>
    /// Every <typeparamref name="TEvent"/> received from the moment the enumeration starts
    /// (<c>GetAsyncEnumerator</c>) until it is disposed, the token is cancelled or the client is
    /// disposed. Up to <see cref="SocketClientOptions.EventQueueCapacity"/> events wait for the
    /// reader; beyond that the client waits for it, as it does for a slow handler.
    /// </summary>
    protected IAsyncEnumerable<TEvent> ReadAllAsync<TEvent>(CancellationToken cancellationToken)
        where TEvent : ISocketEvent<TEvent> =>
        new EventReader<TEvent>(this, cancellationToken);

    private EventSlot<TEvent>? FindSlot<TEvent>()
        where TEvent : ISocketEvent<TEvent>
    {
        foreach (var slot in Volatile.Read(ref _slots))
        {
            if (slot is EventSlot<TEvent> typed)
            {
                return typed;
            }
        }
        return null;
    }

    private EventSlot? Slot(ReadOnlySpan<byte> name)
    {
        foreach (var slot in Volatile.Read(ref _slots))
        {
            if (name.SequenceEqual(slot.Utf8Name))
            {
                return slot;
            }
        }
        return null;
    }

    /// <summary>Runs the handlers of each received event, one event at a time, in order, for the client's lifetime.</summary>
    private async Task DispatchAsync()
    {
        await Task.Yield();
        InHandler.Value = this;
        var token = _disposing.Token;
        await foreach (var delivery in _deliveries.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (token.IsCancellationRequested)
            {
                continue; // disposed: what had not been handled is dropped
            }
            try
            {
                await delivery.RunAsync(this, token).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                Log.HandlerFailed(_logger, Ref, delivery.GetType().Name, exception);
            }
        }
    }

    private void CompleteReaders()
    {
        IReaderCompletion[] readers;
        lock (_gate)
        {
            readers = [.. _readers];
        }
        foreach (var reader in readers)
        {
            reader.Complete();
        }
    }

    /// <summary>A received event on its way to the handlers.</summary>
    private abstract class Delivery
    {
        public abstract ValueTask RunAsync(SocketEndpointClient client, CancellationToken cancellationToken);
    }

    private sealed class ErrorDelivery(SocketEndpointClient client, SocketServerErrorEventArgs args) : Delivery
    {
        public override ValueTask RunAsync(SocketEndpointClient owner, CancellationToken cancellationToken)
        {
            client.Raise(client.ErrorReceived, args);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>One event type of the contract: its name and its handlers.</summary>
    private abstract class EventSlot
    {
        public abstract string Name { get; }

        /// <summary>The name's UTF-8 bytes (event names are plain ASCII: the codec's escaped name is the name).</summary>
        public abstract ReadOnlySpan<byte> Utf8Name { get; }

        /// <summary>Reads the event's data into a delivery; null when nobody listens.</summary>
        public abstract bool TryRead(ReadOnlySpan<byte> data, out Delivery? delivery, [NotNullWhen(false)] out string? error);
    }

    private sealed class EventSlot<TEvent> : EventSlot
        where TEvent : ISocketEvent<TEvent>
    {
        private static readonly SocketEventCodec<TEvent> s_codec = SocketEventCodec.For<TEvent>();
        private static readonly string s_name = s_codec.EventName;
        private Func<TEvent, CancellationToken, ValueTask>[] _handlers = [];

        public override string Name => s_name;

        public override ReadOnlySpan<byte> Utf8Name => s_codec.EncodedName.EncodedUtf8Bytes;

        public void Add(Func<TEvent, CancellationToken, ValueTask> handler)
        {
            lock (this)
            {
                _handlers = [.. _handlers, handler];
            }
        }

        public void Remove(Func<TEvent, CancellationToken, ValueTask> handler)
        {
            lock (this)
            {
                var index = Array.IndexOf(_handlers, handler);
                if (index >= 0)
                {
                    _handlers = [.. _handlers[..index], .. _handlers[(index + 1)..]];
                }
            }
        }

        public override bool TryRead(ReadOnlySpan<byte> data, out Delivery? delivery, [NotNullWhen(false)] out string? error)
        {
            delivery = null;
            if (!SocketJson.TryDeserialize<TEvent>(data, out var value, out var problem))
            {
                error = problem.ToString();
                return false;
            }
            error = null;
            var handlers = Volatile.Read(ref _handlers);
            if (handlers.Length > 0)
            {
                delivery = new EventDelivery(handlers, value);
            }
            return true;
        }

        private sealed class EventDelivery(Func<TEvent, CancellationToken, ValueTask>[] handlers, TEvent value) : Delivery
        {
            public override async ValueTask RunAsync(SocketEndpointClient client, CancellationToken cancellationToken)
            {
                foreach (var handler in handlers)
                {
                    try
                    {
                        await handler(value, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception exception)
                    {
                        Log.HandlerFailed(client._logger, client.Ref, s_name, exception);
                    }
                }
            }
        }
    }

    private interface IReaderCompletion
    {
        void Complete();
    }

    /// <summary>An <see cref="IAsyncEnumerable{T}"/> of one event type, subscribed from <c>GetAsyncEnumerator</c> to its disposal.</summary>
    private sealed class EventReader<TEvent>(SocketEndpointClient client, CancellationToken readerToken) : IAsyncEnumerable<TEvent>
        where TEvent : ISocketEvent<TEvent>
    {
        public IAsyncEnumerator<TEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
            new Enumerator(client, readerToken, cancellationToken);

        private sealed class Enumerator : IAsyncEnumerator<TEvent>, IReaderCompletion
        {
            private readonly SocketEndpointClient _client;
            private readonly Channel<TEvent> _channel;
            private readonly IDisposable _subscription;
            private readonly CancellationTokenSource _cancel;

            public Enumerator(SocketEndpointClient client, CancellationToken first, CancellationToken second)
            {
                _client = client;
                _cancel = CancellationTokenSource.CreateLinkedTokenSource(first, second);
                _channel = Channel.CreateBounded<TEvent>(new BoundedChannelOptions(client._options.EventQueueCapacity)
                {
                    SingleReader = true,
                    SingleWriter = true,
                    FullMode = BoundedChannelFullMode.Wait,
                });
                _subscription = client.Subscribe<TEvent>(async (value, token) =>
                {
                    using var both = CancellationTokenSource.CreateLinkedTokenSource(token, _cancel.Token);
                    try
                    {
                        await _channel.Writer.WriteAsync(value, both.Token).ConfigureAwait(false);
                    }
                    catch (Exception exception) when (exception is OperationCanceledException or ChannelClosedException)
                    {
                        // the reader has gone
                    }
                });
                lock (client._gate)
                {
                    client._readers.Add(this);
                }
                if (client._disposed)
                {
                    Complete();
                }
            }

            public TEvent Current { get; private set; } = default!;

            public async ValueTask<bool> MoveNextAsync()
            {
                try
                {
                    while (await _channel.Reader.WaitToReadAsync(_cancel.Token).ConfigureAwait(false))
                    {
                        if (_channel.Reader.TryRead(out var value))
                        {
                            Current = value;
                            return true;
                        }
                    }
                    return false;
                }
                catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
                {
                    return false;
                }
                catch (ObjectDisposedException)
                {
                    return false; // enumerated after its disposal
                }
            }

            public void Complete() => _channel.Writer.TryComplete();

            public ValueTask DisposeAsync()
            {
                _subscription.Dispose();
                Complete();
                lock (_client._gate)
                {
                    _client._readers.Remove(this);
                }
                _cancel.Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
