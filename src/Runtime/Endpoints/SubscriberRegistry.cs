using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using TypedSockets.Serialization;
using TypedSockets.Telemetry;

namespace TypedSockets.Endpoints;

/// <summary>
/// The server-side observers of an endpoint's inbound events, per event type and, for events no
/// handler takes, per event name. Callback lists are copied on write, so publishing reads them
/// without a lock.
/// </summary>
/// <remarks>
/// Knowing the subscribed events by name is what lets the generated dispatch list only the
/// endpoint's own handlers: an event of any assembly reaches its subscribers through
/// <see cref="SocketInvocation.UnknownEvent"/>, so adding an event to an app regenerates no endpoint.
/// </remarks>
internal sealed class SubscriberRegistry(ILogger logger)
{
    private readonly ConcurrentDictionary<Type, Subscribers> _byType = new();
    private readonly Lock _namesLock = new();
    private readonly ConcurrentDictionary<string, Subscribers[]> _byName = new(StringComparer.Ordinal);

    /// <summary>Shows an event read by the dispatch to its subscribers, if it has any.</summary>
    public void Publish<TEvent>(SocketClient client, TEvent value)
    {
        if (_byType.TryGetValue(typeof(TEvent), out var subscribers))
        {
            ((Subscribers<TEvent>)subscribers).Publish(client, value);
        }
    }

    /// <summary>The subscribers of the event with this (unescaped UTF-8) name, when it has any.</summary>
    public Subscribers? Find(ReadOnlySpan<byte> name)
    {
        if (_byName.IsEmpty)
        {
            return null;
        }
        if (!_byName.TryGetValue(Encoding.UTF8.GetString(name), out var candidates))
        {
            return null;
        }
        // Types of one name from several assemblies: the first readable one someone still listens to.
        foreach (var subscribers in candidates)
        {
            if (subscribers.HasAny && subscribers.IsReadable)
            {
                return subscribers;
            }
        }
        return null;
    }

    public IDisposable Subscribe<TEvent>(Action<SocketClient, TEvent> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        // Only events arrive: a subscription to any other type would wait for nothing, silently.
        var codec = SocketEventCodec<TEvent>.Instance;
        var subscribers = (Subscribers<TEvent>)_byType.GetOrAdd(typeof(TEvent), static (_, state) => new Subscribers<TEvent>(state.codec, state.logger), (codec, logger));
        lock (_namesLock)
        {
            var named = _byName.GetValueOrDefault(codec.EventName, []);
            if (Array.IndexOf(named, subscribers) < 0)
            {
                _byName[codec.EventName] = [.. named, subscribers];
            }
        }
        subscribers.Add(callback);
        return new Subscription<TEvent>(subscribers, callback);
    }

    /// <summary>The callbacks of one event type.</summary>
    internal abstract class Subscribers
    {
        public abstract bool HasAny { get; }

        /// <summary>Whether the event can be read at all; one that cannot is unknown to clients, subscribed or not.</summary>
        public abstract bool IsReadable { get; }

        /// <summary>Reads the invocation's event (an <c>invalid_data</c> error when it does not fit) and publishes it.</summary>
        public abstract void ReadAndPublish(SocketInvocation invocation);
    }

    private sealed class Subscribers<TEvent>(SocketEventCodec<TEvent> codec, ILogger logger) : Subscribers
    {
        private readonly Lock _lock = new();
        private Action<SocketClient, TEvent>[] _callbacks = [];

        public override bool HasAny => Volatile.Read(ref _callbacks).Length > 0;

        public override bool IsReadable => codec.IsReadable;

        // TryRead publishes what it read.
        public override void ReadAndPublish(SocketInvocation invocation) => invocation.TryRead(codec, out _);

        public void Publish(SocketClient client, TEvent value)
        {
            foreach (var callback in Volatile.Read(ref _callbacks))
            {
                try
                {
                    callback(client, value);
                }
                catch (Exception exception)
                {
                    // An observer's failure is its own: the client's event is still handled.
                    Log.SubscriberFailed(logger, codec.EventName, exception);
                }
            }
        }

        public void Add(Action<SocketClient, TEvent> callback)
        {
            lock (_lock)
            {
                _callbacks = [.. _callbacks, callback];
            }
        }

        public void Remove(Action<SocketClient, TEvent> callback)
        {
            lock (_lock)
            {
                var index = Array.IndexOf(_callbacks, callback);
                if (index >= 0)
                {
                    _callbacks = [.. _callbacks.AsSpan(0, index), .. _callbacks.AsSpan(index + 1)];
                }
            }
        }
    }

    private sealed class Subscription<TEvent>(Subscribers<TEvent> subscribers, Action<SocketClient, TEvent> callback) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                subscribers.Remove(callback);
            }
        }
    }
}
