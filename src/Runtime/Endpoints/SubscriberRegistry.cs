using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using TypedSockets.Serialization;
using TypedSockets.Telemetry;

namespace TypedSockets.Endpoints;

/// <summary>
/// The server-side observers of an endpoint's inbound events, per event type. Lists are copied on
/// write, so publishing reads them without a lock.
/// </summary>
internal sealed class SubscriberRegistry(ILogger logger) : ISubscriberSource
{
    private readonly ConcurrentDictionary<Type, object> _lists = new();

    public bool HasSubscribers<TEvent>() where TEvent : ISocketEvent<TEvent> =>
        _lists.TryGetValue(typeof(TEvent), out var list) && ((List<TEvent>)list).Callbacks.Length > 0;

    public void Publish<TEvent>(SocketClient client, TEvent value) where TEvent : ISocketEvent<TEvent>
    {
        if (!_lists.TryGetValue(typeof(TEvent), out var list))
        {
            return;
        }
        foreach (var callback in ((List<TEvent>)list).Callbacks)
        {
            try
            {
                callback(client, value);
            }
            catch (Exception exception)
            {
                // An observer's failure is its own: the client's event is still handled.
                Log.SubscriberFailed(logger, TEvent.EventName, exception);
            }
        }
    }

    public IDisposable Subscribe<TEvent>(Action<SocketClient, TEvent> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        // Only events arrive: a subscription to any other type would wait for nothing, silently.
        _ = SocketEventCodec<TEvent>.Instance;
        var list = (List<TEvent>)_lists.GetOrAdd(typeof(TEvent), static _ => new List<TEvent>());
        list.Add(callback);
        return new Subscription<TEvent>(list, callback);
    }

    private sealed class List<TEvent>
    {
        private readonly Lock _lock = new();

        public Action<SocketClient, TEvent>[] Callbacks { get; private set; } = [];

        public void Add(Action<SocketClient, TEvent> callback)
        {
            lock (_lock)
            {
                Callbacks = [.. Callbacks, callback];
            }
        }

        public void Remove(Action<SocketClient, TEvent> callback)
        {
            lock (_lock)
            {
                var index = Array.IndexOf(Callbacks, callback);
                if (index >= 0)
                {
                    Callbacks = [.. Callbacks.AsSpan(0, index), .. Callbacks.AsSpan(index + 1)];
                }
            }
        }
    }

    private sealed class Subscription<TEvent>(List<TEvent> list, Action<SocketClient, TEvent> callback) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                list.Remove(callback);
            }
        }
    }
}
