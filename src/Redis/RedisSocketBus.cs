using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TypedSockets.Bus;

namespace TypedSockets.Redis;

/// <summary>
/// The bus over Redis pub/sub. A message reaches this server's clients at once, as with the
/// in-process bus, and is published once to the endpoint's channel (<c>{prefix}:ts:e:{ref}</c>),
/// the frame bytes as they were serialized; every other server subscribed to it delivers those
/// bytes to its own clients. One channel per endpoint keeps one publisher's messages in order for
/// every recipient; a server subscribes to it while the endpoint runs there. Commands travel the
/// same channel; answers and heartbeats go to each server's own channel (<c>{prefix}:ts:n:{id}</c>).
/// </summary>
/// <remarks>
/// Faults: StackExchange.Redis fails fast while Redis is unreachable (nothing is queued), so what
/// should cross servers then is dropped, counted and logged once per outage, and local delivery goes
/// on. Subscriptions come back with the connection; a heartbeat through Redis proves them alive, and
/// a subscription without heartbeats while Redis answers is renewed. Anything on the channels that is
/// not an envelope of this version is dropped and counted, and reaches no client.
/// </remarks>
internal sealed class RedisSocketBus : ISocketBus, IHostedService, IAsyncDisposable
{
    private static readonly Meter Meter = new("TypedSockets.Redis");
    private static readonly Counter<long> PublishedCounter = Meter.CreateCounter<long>("typedsockets.redis.published", "{message}", "Messages and commands published to Redis.");
    private static readonly Counter<long> ReceivedCounter = Meter.CreateCounter<long>("typedsockets.redis.received", "{message}", "Messages and commands from other servers delivered here.");
    private static readonly Counter<long> DroppedCounter = Meter.CreateCounter<long>("typedsockets.redis.dropped", "{message}", "Messages that could not cross servers (Redis unreachable).");
    private static readonly Counter<long> RejectedCounter = Meter.CreateCounter<long>("typedsockets.redis.rejected", "{message}", "Data on the channels that is not a TypedSockets envelope, dropped.");

    private readonly InProcessSocketBus _local = new();
    private readonly TypedSocketsRedisOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string _prefix;
    private readonly RedisChannel _nodeChannel;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _endpoints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ChannelMessageQueue> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<uint, TaskCompletionSource<bool>> _pending = new();
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RedisChannel> _channels = new(StringComparer.Ordinal);
    private readonly string _nodeField;
    private ConnectionMultiplexer? _redis;
    private readonly SemaphoreSlim _subscriptions = new(1, 1);
    private ChannelMessageQueue? _nodeQueue;
    private ITimer? _heartbeat;
    private int _beating;
    private int _disposed;
    private uint _nextCommand;
    private long _dropped;
    private long _rejected;
    private long _published;
    private long _received;
    private long _lastHeartbeat;
    private long _outageStarted = -1;
    private long _droppedAtOutageStart;
    private int _subscriptionDead;

    public RedisSocketBus(IOptions<TypedSocketsRedisOptions> options, ILogger<RedisSocketBus> logger, TimeProvider time, IHostEnvironment? environment = null)
    {
        _options = options.Value;
        _logger = logger;
        _time = time;
        if (string.IsNullOrWhiteSpace(_options.Configuration))
        {
            throw new InvalidOperationException("The Redis bus needs a configuration string: AddTypedSocketsRedis(\"host:port\").");
        }
        _prefix = (_options.ChannelPrefix ?? environment?.ApplicationName ?? "app") + ":ts";
        _nodeField = Node.ToString("N");
        _nodeChannel = RedisChannel.Literal($"{_prefix}:n:{_nodeField}");
        _lastHeartbeat = time.GetTimestamp();
    }

    /// <summary>This server's id on the bus.</summary>
    public Guid Node { get; } = Guid.NewGuid();

    /// <summary>Messages and commands that could not cross servers.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Data on the channels that was not an envelope, dropped.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Messages and commands this server published.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Messages and commands from other servers this server took.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Why cross-server delivery does not work now, or null when it does.</summary>
    public string? Problem =>
        _redis is not { IsConnected: true } || Interlocked.Read(ref _outageStarted) >= 0 ? "Redis is unreachable."
        : Volatile.Read(ref _subscriptionDead) == 1 ? "the subscription carries no heartbeats."
        : Unsubscribed() is { } endpoint ? $"endpoint '{endpoint}' runs here but its channel is not subscribed yet."
        : null;

    private string? Unsubscribed()
    {
        lock (_lock)
        {
            return _endpoints.Keys.FirstOrDefault(endpoint => !_queues.ContainsKey(endpoint));
        }
    }

    /// <summary>Whether the endpoint's channel is subscribed here (tests wait for it before they publish).</summary>
    internal bool IsSubscribed(string endpointRef) => _queues.ContainsKey(endpointRef) && _redis is { IsConnected: true };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configuration = ConfigurationOptions.Parse(_options.Configuration);
        // Never wait for Redis at startup, and never queue commands while it is away: what cannot
        // cross servers now is dropped and counted, not sent late and out of order.
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ClientName ??= "typedsockets-" + _nodeField[..8];
        _redis = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        _redis.ConnectionFailed += (_, e) => OnOutage(e.FailureType.ToString());
        Log.Started(_logger, Node, _prefix);
        if (!_redis.IsConnected)
        {
            OnOutage("not connected at startup");
        }
        // Subscribes what it can now; what it cannot, the heartbeat subscribes once Redis is there.
        await ReconcileAsync().ConfigureAwait(false);
        Interlocked.Exchange(ref _lastHeartbeat, _time.GetTimestamp());
        _heartbeat = _time.CreateTimer(_ => _ = HeartbeatAsync(), null, _options.HeartbeatInterval, _options.HeartbeatInterval);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        if (_heartbeat is { } heartbeat)
        {
            await heartbeat.DisposeAsync().ConfigureAwait(false);
        }
        foreach (var pending in _pending.Values)
        {
            pending.TrySetCanceled();
        }
        if (_redis is { IsConnected: true } connected)
        {
            // This server's clients are gone with it: the others stop counting them now.
            foreach (var endpoint in _counts.Keys)
            {
                try
                {
                    await connected.GetDatabase().HashDeleteAsync(PresenceKey(endpoint), _nodeField).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is RedisException or TimeoutException)
                {
                    // Its entry expires by itself.
                }
            }
        }
        if (Interlocked.Exchange(ref _redis, null) is { } redis)
        {
            await redis.DisposeAsync().ConfigureAwait(false);
        }
    }

    public ValueTask PublishAsync(SocketBusMessage message, CancellationToken cancellationToken = default)
    {
        // This server's clients first, with the frame as it is: no copy, no round trip.
        _local.PublishAsync(message, cancellationToken);
        Publish(EndpointChannel(message.EndpointRef), Envelope.ForMessage(Node, message));
        return ValueTask.CompletedTask;
    }

    public IDisposable Subscribe(string endpointRef, ISocketBusSubscriber subscriber)
    {
        var local = _local.Subscribe(endpointRef, subscriber);
        bool first;
        lock (_lock)
        {
            first = _endpoints.TryGetValue(endpointRef, out var count) is false;
            _endpoints[endpointRef] = count + 1;
        }
        if (first)
        {
            _ = ReconcileAsync();
        }
        return new Subscription(this, endpointRef, local);
    }

    public async ValueTask<bool> SendCommandAsync(SocketBusCommand command, CancellationToken cancellationToken = default)
    {
        if (_redis is not { IsConnected: true })
        {
            Drop();
            if (command.Kind == SocketBusCommandKind.Stop)
            {
                // Stopped here; the other servers cannot be told (counted, and logged with the outage).
                return false;
            }
            throw new InvalidOperationException(
                $"Redis is unreachable, so the {command.Kind} for endpoint '{command.EndpointRef}' cannot reach the other servers.");
        }
        var id = Interlocked.Increment(ref _nextCommand);
        if (command.Kind == SocketBusCommandKind.Stop)
        {
            Publish(EndpointChannel(command.EndpointRef), Envelope.ForCommand(Node, id, command));
            return true;
        }
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        try
        {
            Publish(EndpointChannel(command.EndpointRef), Envelope.ForCommand(Node, id, command));
            return await answer.Task.WaitAsync(_options.AckTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"No server of endpoint '{command.EndpointRef}' answered the {command.Kind} of client '{command.ClientId}' within {_options.AckTimeout.TotalSeconds:0.#} s: " +
                "no server has that client, or its server is down.");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>This server's count for an endpoint, written to the endpoint's presence hash at once.</summary>
    public void ClientCountChanged(string endpointRef, int count)
    {
        _counts[endpointRef] = count;
        WritePresence(endpointRef, count);
    }

    /// <summary>
    /// This server's count and every other server's from the presence hash (<c>{prefix}:ts:p:{ref}</c>),
    /// each written as <c>count:expiry</c> and renewed by its server's heartbeat, so a server that
    /// died stops counting after three heartbeats. Without Redis: this server's count alone.
    /// </summary>
    public async ValueTask<int?> CountClientsAsync(string endpointRef, int localCount, CancellationToken cancellationToken = default)
    {
        if (_redis is not { IsConnected: true } redis)
        {
            return null;
        }
        HashEntry[] entries;
        try
        {
            entries = await redis.GetDatabase().HashGetAllAsync(PresenceKey(endpointRef)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
        {
            OnOutage(exception.Message);
            return null;
        }
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var total = localCount;
        foreach (var entry in entries)
        {
            var text = (string?)entry.Value;
            var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
            if (entry.Name == _nodeField || colon < 0
                || !int.TryParse(text.AsSpan(0, colon), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
                || !long.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var expires))
            {
                continue;
            }
            if (expires > now)
            {
                total += count;
            }
            else
            {
                // A server that stopped renewing its count: gone.
                _ = redis.GetDatabase().HashDeleteAsync(PresenceKey(endpointRef), entry.Name, CommandFlags.FireAndForget);
            }
        }
        return total;
    }

    private RedisKey PresenceKey(string endpointRef) => $"{_prefix}:p:{endpointRef}";

    private void WritePresence(string endpointRef, int count)
    {
        if (_redis is not { IsConnected: true } redis || Volatile.Read(ref _disposed) == 1)
        {
            return;
        }
        var expires = _time.GetUtcNow().Add(3 * _options.HeartbeatInterval).ToUnixTimeMilliseconds();
        try
        {
            var database = redis.GetDatabase();
            if (count == 0)
            {
                database.HashDelete(PresenceKey(endpointRef), _nodeField, CommandFlags.FireAndForget);
            }
            else
            {
                database.HashSet(PresenceKey(endpointRef), _nodeField, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count}:{expires}"), flags: CommandFlags.FireAndForget);
            }
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
        {
            OnOutage(exception.Message);
        }
    }

    /// <summary>The endpoint's channel, made once: every broadcast publishes to it.</summary>
    private RedisChannel EndpointChannel(string endpointRef) =>
        _channels.GetOrAdd(endpointRef, static (endpoint, prefix) => RedisChannel.Literal($"{prefix}:e:{endpoint}"), _prefix);

    /// <summary>
    /// Publishes without waiting: the order of publishes is the order they are queued on the one
    /// connection. What cannot be sent (Redis away, a write that fails) is dropped and counted.
    /// </summary>
    private void Publish(RedisChannel channel, Envelope envelope)
    {
        if (_redis is not { IsConnected: true } redis)
        {
            Drop();
            return;
        }
        byte[] bytes;
        try
        {
            bytes = envelope.ToBytes();
        }
        catch (ArgumentException exception)
        {
            // A name too long for an envelope: this server's clients have it; the others cannot.
            Drop();
            Log.CommandFailed(_logger, exception, envelope.EndpointRef);
            return;
        }
        try
        {
            var sent = redis.GetSubscriber().PublishAsync(channel, bytes);
            Interlocked.Increment(ref _published);
            PublishedCounter.Add(1);
            if (!sent.IsCompletedSuccessfully)
            {
                sent.ContinueWith(static (task, state) => ((RedisSocketBus)state!).OnPublished(task), this, CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
        {
            OnOutage(exception.Message);
            Drop();
        }
    }

    private void OnPublished(Task<long> sent)
    {
        if (!sent.IsCompletedSuccessfully)
        {
            OnOutage(sent.Exception?.InnerException?.Message ?? "a publish failed");
            Drop();
        }
    }

    private void Drop()
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            return;
        }
        if (Interlocked.Read(ref _outageStarted) < 0)
        {
            OnOutage("a publish failed");
        }
        Interlocked.Increment(ref _dropped);
        DroppedCounter.Add(1);
    }

    private void OnOutage(string reason)
    {
        if (Volatile.Read(ref _disposed) == 0 && Interlocked.CompareExchange(ref _outageStarted, _time.GetTimestamp(), -1) == -1)
        {
            Interlocked.Exchange(ref _droppedAtOutageStart, Dropped);
            Log.OutageStarted(_logger, reason);
        }
    }

    /// <summary>Ends an outage: called after a round trip through Redis succeeded.</summary>
    private void OnRestored()
    {
        var started = Interlocked.Exchange(ref _outageStarted, -1);
        if (started >= 0)
        {
            Interlocked.Exchange(ref _lastHeartbeat, _time.GetTimestamp());
            Log.OutageEnded(_logger, _time.GetElapsedTime(started).TotalSeconds, Dropped - Interlocked.Read(ref _droppedAtOutageStart));
        }
    }

    /// <summary>
    /// Brings the subscriptions to what they should be: the server's own channel, and the channel
    /// of each endpoint that runs here (and no other). One at a time, so an endpoint that stops
    /// and starts again quickly ends up subscribed; what fails now is tried again by the heartbeat.
    /// </summary>
    private async Task ReconcileAsync(bool renew = false)
    {
        if (_redis is not { } redis || Volatile.Read(ref _disposed) == 1)
        {
            return;
        }
        await _subscriptions.WaitAsync().ConfigureAwait(false);
        try
        {
            var subscriber = redis.GetSubscriber();
            if (renew)
            {
                if (Interlocked.Exchange(ref _nodeQueue, null) is { } node)
                {
                    await UnsubscribeAsync(subscriber, node).ConfigureAwait(false);
                }
                foreach (var endpoint in _queues.Keys.ToArray())
                {
                    if (_queues.TryRemove(endpoint, out var queue))
                    {
                        await UnsubscribeAsync(subscriber, queue).ConfigureAwait(false);
                    }
                }
            }
            if (_nodeQueue is null && await SubscribeAsync(subscriber, _nodeChannel).ConfigureAwait(false) is { } nodeQueue)
            {
                nodeQueue.OnMessage(message => OnNodeMessage(message.Message));
                _nodeQueue = nodeQueue;
            }
            string[] wanted;
            lock (_lock)
            {
                wanted = [.. _endpoints.Keys];
            }
            foreach (var endpoint in _queues.Keys.Except(wanted).ToArray())
            {
                if (_queues.TryRemove(endpoint, out var queue))
                {
                    await UnsubscribeAsync(subscriber, queue).ConfigureAwait(false);
                }
            }
            foreach (var endpoint in wanted.Where(e => !_queues.ContainsKey(e)))
            {
                if (await SubscribeAsync(subscriber, EndpointChannel(endpoint)).ConfigureAwait(false) is { } queue)
                {
                    // One queue per endpoint, read in order: one publisher's messages arrive as published.
                    queue.OnMessage(message => OnEndpointMessage(endpoint, message.Message));
                    _queues[endpoint] = queue;
                }
            }
        }
        finally
        {
            _subscriptions.Release();
        }
    }

    private async Task<ChannelMessageQueue?> SubscribeAsync(ISubscriber subscriber, RedisChannel channel)
    {
        try
        {
            return await subscriber.SubscribeAsync(channel).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
        {
            // The library may keep the half-made subscription and restore it later: take it back,
            // so no queue fills up unread. The next heartbeat tries again.
            OnOutage(exception.Message);
            try
            {
                await subscriber.UnsubscribeAsync(channel).ConfigureAwait(false);
            }
            catch (Exception again) when (again is RedisException or TimeoutException or ObjectDisposedException)
            {
                // Gone with the connection.
            }
            return null;
        }
    }

    private static async Task UnsubscribeAsync(ISubscriber subscriber, ChannelMessageQueue queue)
    {
        try
        {
            await queue.UnsubscribeAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
        {
            // Redis is away: the subscription goes with the connection; make sure it is not restored.
            try
            {
                await subscriber.UnsubscribeAsync(queue.Channel).ConfigureAwait(false);
            }
            catch (Exception again) when (again is RedisException or TimeoutException or ObjectDisposedException)
            {
                // Nothing more to do.
            }
        }
    }

    private void OnEndpointMessage(string channelRef, RedisValue value)
    {
        if (!Read(value, channelRef, out var envelope) || envelope.Origin == Node)
        {
            return;
        }
        if (envelope.EndpointRef != channelRef)
        {
            Reject(channelRef, $"an envelope for endpoint '{envelope.EndpointRef}' on the channel of '{channelRef}'");
            return;
        }
        Interlocked.Increment(ref _received);
        ReceivedCounter.Add(1);
        switch (envelope.Kind)
        {
            case EnvelopeKind.Message:
                _local.PublishAsync(envelope.ToMessage());
                break;
            case EnvelopeKind.Command:
                bool applied;
                try
                {
                    applied = _local.Apply(envelope.ToCommand());
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    Log.CommandFailed(_logger, exception, envelope.EndpointRef);
                    applied = false;
                }
                // Only the server that has the client answers; the others stay silent.
                if (applied && envelope.Code != (byte)SocketBusCommandKind.Stop)
                {
                    Publish(RedisChannel.Literal($"{_prefix}:n:{envelope.Origin:N}"), Envelope.ForAck(Node, envelope.CommandId, envelope.EndpointRef, applied: true));
                }
                break;
            default:
                Reject(channelRef, $"a {envelope.Kind} on an endpoint's channel");
                break;
        }
    }

    private void OnNodeMessage(RedisValue value)
    {
        if (!Read(value, "node", out var envelope))
        {
            return;
        }
        switch (envelope.Kind)
        {
            case EnvelopeKind.Ping when envelope.Origin == Node:
                Interlocked.Exchange(ref _lastHeartbeat, _time.GetTimestamp());
                Volatile.Write(ref _subscriptionDead, 0);
                break;
            case EnvelopeKind.Ack:
                if (_pending.TryGetValue(envelope.CommandId, out var pending))
                {
                    pending.TrySetResult(envelope.Code == 1);
                }
                break;
            default:
                Reject("node", $"a {envelope.Kind} on a server's own channel");
                break;
        }
    }

    private bool Read(RedisValue value, string channel, out Envelope envelope)
    {
        if (value.IsNull)
        {
            envelope = default;
            Reject(channel, "an empty message");
            return false;
        }
        if (!Envelope.TryRead((ReadOnlyMemory<byte>)value, out envelope, out var problem))
        {
            Reject(channel, problem!);
            return false;
        }
        return true;
    }

    private void Reject(string channel, string problem)
    {
        RejectedCounter.Add(1);
        var level = Interlocked.Increment(ref _rejected) == 1 ? LogLevel.Warning : LogLevel.Debug;
        Log.Rejected(_logger, level, channel, problem);
    }

    private void Unsubscribe(string endpointRef)
    {
        lock (_lock)
        {
            if (!_endpoints.TryGetValue(endpointRef, out var count))
            {
                return;
            }
            if (count > 1)
            {
                _endpoints[endpointRef] = count - 1;
                return;
            }
            _endpoints.Remove(endpointRef);
        }
        _ = ReconcileAsync();
    }

    /// <summary>
    /// Sends this server a heartbeat through Redis; an outage ends with the first one Redis takes.
    /// A subscription that has carried none back for three intervals while Redis answers is dead:
    /// it is renewed. Subscriptions that failed during an outage are made now. One beat at a time.
    /// </summary>
    private async Task HeartbeatAsync()
    {
        if (Interlocked.Exchange(ref _beating, 1) == 1)
        {
            return;
        }
        try
        {
            if (_redis is not { IsConnected: true } redis || Volatile.Read(ref _disposed) == 1)
            {
                OnOutage("not connected");
                return;
            }
            // Measured before this beat is sent: what the last ones proved.
            var silent = _time.GetElapsedTime(Interlocked.Read(ref _lastHeartbeat));
            await redis.GetSubscriber().PublishAsync(_nodeChannel, Envelope.ForPing(Node).ToBytes()).ConfigureAwait(false);
            var wasOut = Interlocked.Read(ref _outageStarted) >= 0;
            OnRestored();
            if (!wasOut && silent > 3 * _options.HeartbeatInterval)
            {
                if (Interlocked.Exchange(ref _subscriptionDead, 1) == 0)
                {
                    Log.SubscriptionDead(_logger, silent.TotalSeconds);
                }
                await ReconcileAsync(renew: true).ConfigureAwait(false);
                // A fresh start for the subscriptions just made.
                Interlocked.Exchange(ref _lastHeartbeat, _time.GetTimestamp());
                return;
            }
            await ReconcileAsync().ConfigureAwait(false);
            foreach (var (endpoint, count) in _counts)
            {
                if (count > 0)
                {
                    WritePresence(endpoint, count);
                }
            }
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
        {
            OnOutage(exception.Message);
        }
        finally
        {
            Volatile.Write(ref _beating, 0);
        }
    }

    /// <summary>Test hook: drops this server's subscriptions without telling anyone, as a dead connection would.</summary>
    internal async Task KillSubscriptionsAsync()
    {
        await _subscriptions.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_nodeQueue is { } node)
            {
                await node.UnsubscribeAsync().ConfigureAwait(false);
            }
            foreach (var queue in _queues.Values)
            {
                await queue.UnsubscribeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _subscriptions.Release();
        }
    }

    private sealed class Subscription(RedisSocketBus bus, string endpointRef, IDisposable local) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                local.Dispose();
                bus.Unsubscribe(endpointRef);
            }
        }
    }
}
