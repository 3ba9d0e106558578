using System.Collections.Concurrent;

namespace TypedSockets.Bus;

/// <summary>The default bus: delivers each message to the subscribers in this process, synchronously.</summary>
public sealed class InProcessSocketBus : ISocketBus
{
    private readonly ConcurrentDictionary<string, ISocketBusSubscriber[]> _subscribers = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public ValueTask PublishAsync(SocketBusMessage message, CancellationToken cancellationToken = default)
    {
        if (_subscribers.TryGetValue(message.EndpointRef, out var subscribers))
        {
            foreach (var subscriber in subscribers)
            {
                subscriber.Deliver(message);
            }
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Applies a command to this process's subscribers of its endpoint: how a distributed bus that
    /// keeps its local subscribers here hands them a command from another server.
    /// </summary>
    /// <returns>Whether a subscriber applied it.</returns>
    public bool Apply(in SocketBusCommand command)
    {
        var applied = false;
        if (_subscribers.TryGetValue(command.EndpointRef, out var subscribers))
        {
            foreach (var subscriber in subscribers)
            {
                applied |= subscriber.Apply(command);
            }
        }
        return applied;
    }

    /// <inheritdoc />
    public IDisposable Subscribe(string endpointRef, ISocketBusSubscriber subscriber)
    {
        ArgumentNullException.ThrowIfNull(endpointRef);
        ArgumentNullException.ThrowIfNull(subscriber);
        lock (_lock)
        {
            var current = _subscribers.GetValueOrDefault(endpointRef, []);
            _subscribers[endpointRef] = [.. current, subscriber];
        }
        return new Subscription(this, endpointRef, subscriber);
    }

    private void Unsubscribe(string endpointRef, ISocketBusSubscriber subscriber)
    {
        lock (_lock)
        {
            if (!_subscribers.TryGetValue(endpointRef, out var current))
            {
                return;
            }
            ISocketBusSubscriber[] next = [.. current.Where(s => !ReferenceEquals(s, subscriber))];
            if (next.Length == 0)
            {
                _subscribers.TryRemove(endpointRef, out _);
            }
            else
            {
                _subscribers[endpointRef] = next;
            }
        }
    }

    private sealed class Subscription(InProcessSocketBus bus, string endpointRef, ISocketBusSubscriber subscriber) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                bus.Unsubscribe(endpointRef, subscriber);
            }
        }
    }
}
