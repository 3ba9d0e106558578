using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using TypedSockets.Bus;
using TypedSockets.Serialization;
using TypedSockets.Telemetry;

namespace TypedSockets.Endpoints;

/// <summary>
/// Runs one endpoint: starts its manager on first use, fans broadcasts out through the bus,
/// handles inbound frames and runs the connect/disconnect hooks. The operations of
/// <see cref="SocketEndpoint"/> call into it; what depends on the endpoint's type (its generated
/// dispatch and hooks) is in <see cref="SocketEndpointHost{TEndpoint}"/>.
/// </summary>
internal abstract class SocketEndpointHost
{
    private readonly ISocketBus _bus;
    private readonly ILogger _logger;
    private readonly SubscriberRegistry _subscribers;
    private readonly Lock _lock = new();
    private readonly Type[] _outbound;
    private readonly Type[] _inbound;
    private SocketEndpointManager? _manager;
    private int _connections;

    protected SocketEndpointHost(
        string @ref,
        IReadOnlyList<Type> outbound,
        IReadOnlyList<Type> inbound,
        ISocketBus bus,
        TypedSocketsOptions options,
        ILoggerFactory loggers,
        TimeProvider time)
    {
        Ref = @ref;
        Time = time;
        _outbound = [.. outbound];
        _inbound = [.. inbound];
        _bus = bus;
        Options = options;
        _logger = loggers.CreateLogger("TypedSockets.Endpoint." + @ref);
        _subscribers = new SubscriberRegistry(_logger);
        Inbound = new InboundDispatcher(this, _subscribers, _logger);
    }

    /// <summary>The inbound path: a client's message to its handler and answer.</summary>
    internal InboundDispatcher Inbound { get; }

    /// <summary>The endpoint's reference.</summary>
    public string Ref { get; }

    /// <summary>The options the endpoint runs with.</summary>
    public TypedSocketsOptions Options { get; }

    internal ILogger Logger => _logger;

    /// <summary>
    /// The clock of the endpoint's own timers (the close timeout, the rate limit's refill): the
    /// app's <see cref="TimeProvider"/> service when it registers one, so tests can drive them.
    /// </summary>
    internal TimeProvider Time { get; }

    /// <summary>The endpoint's own slow-consumer policy, or the options' default.</summary>
    public abstract SlowConsumerPolicy SlowConsumerPolicy { get; }

    /// <summary>Whether the endpoint takes JSON messages in binary frames too.</summary>
    public abstract bool AllowBinaryFrames { get; }

    /// <summary>Open WebSocket connections of this endpoint, counted from the handshake on.</summary>
    internal int ConnectionCount => Volatile.Read(ref _connections);

    /// <summary>Counts a new connection; false when the endpoint already has <see cref="TypedSocketsOptions.MaxConnections"/>.</summary>
    internal bool TryOpenConnection()
    {
        if (Interlocked.Increment(ref _connections) <= Options.MaxConnections)
        {
            return true;
        }
        Interlocked.Decrement(ref _connections);
        return false;
    }

    internal void ConnectionClosed() => Interlocked.Decrement(ref _connections);

    /// <summary>The connected clients, a snapshot.</summary>
    public IReadOnlyList<SocketClient> Clients => _manager?.Clients ?? [];

    /// <summary>The members of <paramref name="group"/>, a snapshot.</summary>
    public IReadOnlyList<SocketClient> GroupMembers(string group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return _manager?.GroupMembers(group) ?? [];
    }

    /// <summary>Runs the endpoint's connect hook.</summary>
    protected abstract ValueTask OnConnectedAsync(SocketClient client, CancellationToken cancellationToken);

    /// <summary>Runs the endpoint's disconnect hook.</summary>
    protected abstract ValueTask OnDisconnectedAsync(SocketClient client, CancellationToken cancellationToken);

    /// <summary>Reads the invocation's event and calls its handler (the generated dispatch).</summary>
    internal abstract ValueTask DispatchAsync(SocketInvocation invocation);

    /// <summary>Adds a client to the endpoint (starting it if needed) and runs its connect hook.</summary>
    public async ValueTask JoinAsync(SocketClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client.Manager is { } current)
        {
            // Joining twice is harmless; belonging to two endpoints at once is not supported.
            if (current.Host == this)
            {
                return;
            }
            throw new InvalidOperationException($"Client '{client.Id}' already belongs to endpoint '{current.Host.Ref}'; leave it first.");
        }
        if (!GetOrStartManager().TryAdd(client))
        {
            return;
        }
        SocketMetrics.ClientJoined(Ref);
        Log.ClientJoined(_logger, client.Id, Ref);
        SocketClient.SetCurrent(client);
        try
        {
            await OnConnectedAsync(client, client.Disconnected).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.HookFailed(_logger, "connect", client.Id, exception);
        }
    }

    /// <summary>Removes a client from the endpoint and its groups, then runs the disconnect hook.</summary>
    public async ValueTask LeaveAsync(SocketClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client.Manager is not { } manager || !manager.Remove(client))
        {
            return;
        }
        await DepartAsync(client, closeReason: null).ConfigureAwait(false);
    }

    /// <summary>Sends an event to every client.</summary>
    public ValueTask Broadcast<TEvent>(TEvent value) =>
        Publish(SocketBusTarget.All, group: null, clientId: null, exceptId: null, value);

    /// <summary>Sends an event to every client but <paramref name="originator"/> (the current client when null).</summary>
    public ValueTask BroadcastFrom<TEvent>(SocketClient? originator, TEvent value) =>
        Publish(SocketBusTarget.All, group: null, clientId: null, OriginatorId(originator), value);

    /// <summary>Sends an event to one client.</summary>
    public ValueTask SendTo<TEvent>(SocketClient client, TEvent value)
    {
        ArgumentNullException.ThrowIfNull(client);
        CheckOutbound<TEvent>();
        if (client.Manager is { } manager && manager.Host != this)
        {
            throw new InvalidOperationException(
                $"Client '{client.Id}' belongs to endpoint '{manager.Host.Ref}', not '{Ref}'; send through its own endpoint.");
        }
        // Checked above against this endpoint, which is the client's own: no second check.
        return client.Send(value);
    }

    /// <summary>Adds a client to a group of this endpoint; it must have joined the endpoint.</summary>
    public ValueTask JoinGroup(SocketClient client, string group)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(group);
        if (client.Manager is not { } manager || manager.Host != this)
        {
            throw new InvalidOperationException($"Client '{client.Id}' is not a member of endpoint '{Ref}'.");
        }
        manager.JoinGroup(client, group);
        return ValueTask.CompletedTask;
    }

    /// <summary>Removes a client from a group; nothing happens when it is not a member.</summary>
    public ValueTask LeaveGroup(SocketClient client, string group)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(group);
        client.Manager?.LeaveGroup(client, group);
        return ValueTask.CompletedTask;
    }

    /// <summary>Sends an event to every member of a group.</summary>
    public ValueTask BroadcastToGroup<TEvent>(string group, TEvent value)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        return Publish(SocketBusTarget.Group, group, clientId: null, exceptId: null, value);
    }

    /// <summary>Sends an event to every member of a group but <paramref name="originator"/> (the current client when null).</summary>
    public ValueTask BroadcastToGroupFrom<TEvent>(string group, SocketClient? originator, TEvent value)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        return Publish(SocketBusTarget.Group, group, clientId: null, OriginatorId(originator), value);
    }

    /// <summary>
    /// Closes every client with 1001, on this server and, through the bus, on the others; the next
    /// connection or operation starts the endpoint afresh.
    /// </summary>
    public async ValueTask Stop()
    {
        await StopAsync(CloseReasons.EndpointStopped).ConfigureAwait(false);
        await _bus.SendCommandAsync(new SocketBusCommand(Ref, SocketBusCommandKind.Stop)).ConfigureAwait(false);
    }

    /// <summary>The clients of the endpoint on every server of the bus (here alone with the in-process bus).</summary>
    public async ValueTask<int> CountClientsAsync()
    {
        var local = Clients.Count;
        return await _bus.CountClientsAsync(Ref, local).ConfigureAwait(false) ?? local;
    }

    /// <summary>
    /// Sends an event to the client with this id, on this server or, through the bus, on another;
    /// nothing happens when no server has it (at most once, like a broadcast).
    /// </summary>
    public ValueTask SendTo<TEvent>(string clientId, TEvent value)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        CheckOutbound<TEvent>();
        if (Volatile.Read(ref _manager)?.Find(clientId) is { } local)
        {
            return local.Send(value);
        }
        return Publish(SocketBusTarget.Client, group: null, clientId, exceptId: null, value);
    }

    /// <summary>
    /// Adds the client with this id to a group: here when it is connected here, else on the server
    /// that has it, which acknowledges.
    /// </summary>
    /// <exception cref="InvalidOperationException">No server has a client with this id.</exception>
    /// <exception cref="TimeoutException">The bus's servers did not answer in time.</exception>
    public ValueTask JoinGroup(string clientId, string group) => ChangeGroup(SocketBusCommandKind.JoinGroup, clientId, group);

    /// <summary>Removes the client with this id from a group, wherever it is connected.</summary>
    /// <exception cref="InvalidOperationException">No server has a client with this id.</exception>
    /// <exception cref="TimeoutException">The bus's servers did not answer in time.</exception>
    public ValueTask LeaveGroup(string clientId, string group) => ChangeGroup(SocketBusCommandKind.LeaveGroup, clientId, group);

    private async ValueTask ChangeGroup(SocketBusCommandKind kind, string clientId, string group)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(group);
        if (GetOrStartManager().Find(clientId) is { } local)
        {
            await (kind == SocketBusCommandKind.JoinGroup ? JoinGroup(local, group) : LeaveGroup(local, group)).ConfigureAwait(false);
            return;
        }
        if (!await _bus.SendCommandAsync(new SocketBusCommand(Ref, kind, clientId, group)).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"No server of endpoint '{Ref}' has a client '{clientId}'.");
        }
    }

    /// <summary>
    /// Observes every inbound <typeparamref name="TEvent"/> before its handler runs, with the
    /// client that sent it. The callback runs on the connection's loop: keep it short.
    /// </summary>
    /// <returns>Disposing it ends the subscription.</returns>
    public IDisposable Subscribe<TEvent>(Action<SocketClient, TEvent> callback)
    {
        CheckInbound<TEvent>();
        return _subscribers.Subscribe(callback);
    }

    /// <summary>
    /// The inbound <typeparamref name="TEvent"/>s from the moment enumeration starts, as an async
    /// stream. When the reader falls more than <see cref="TypedSocketsOptions.SubscriberQueueCapacity"/>
    /// events behind, the oldest are dropped rather than slowing the clients down.
    /// </summary>
    public IAsyncEnumerable<SocketEventReceived<TEvent>> ReadEventsAsync<TEvent>(CancellationToken cancellationToken)
    {
        // Checked now rather than at the first MoveNextAsync, where the mistake would be far from its cause.
        CheckInbound<TEvent>();
        return ReadEventsCoreAsync<TEvent>(cancellationToken);
    }

    private async IAsyncEnumerable<SocketEventReceived<TEvent>> ReadEventsCoreAsync<TEvent>(
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<SocketEventReceived<TEvent>>(new BoundedChannelOptions(Options.SubscriberQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        using var subscription = _subscribers.Subscribe<TEvent>((client, value) => channel.Writer.TryWrite(new(client, value)));
        while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (channel.Reader.TryRead(out var received))
            {
                yield return received;
            }
        }
    }

    /// <param name="reason">Why the clients are closed.</param>
    /// <param name="only">Stops only this run of the endpoint: a stop from another server that
    /// arrives after the endpoint was stopped and started again here leaves the new run alone.</param>
    internal async ValueTask StopAsync(string reason, SocketEndpointManager? only = null)
    {
        SocketEndpointManager? manager;
        lock (_lock)
        {
            manager = _manager;
            if (only is not null && !ReferenceEquals(manager, only))
            {
                return;
            }
            _manager = null;
        }
        if (manager is null)
        {
            return;
        }
        var clients = manager.Stop();
        Log.EndpointStopped(_logger, Ref, clients.Length);
        foreach (var client in clients)
        {
            await DepartAsync(client, reason).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// What follows a client's removal from the manager, for <c>Leave</c> and <c>Stop</c> alike:
    /// count and log it, close it (1001) when the endpoint is stopping, end its in-process state,
    /// then run the disconnect hook with the client as <see cref="SocketClient.Current"/>.
    /// </summary>
    private async ValueTask DepartAsync(SocketClient client, string? closeReason)
    {
        SocketMetrics.ClientLeft(Ref);
        Log.ClientLeft(_logger, client.Id, Ref);
        if (closeReason is not null)
        {
            await client.CloseAsync(CloseReasons.GoingAway, closeReason).ConfigureAwait(false);
        }
        client.OnLeft();
        SocketClient.SetCurrent(client);
        try
        {
            await OnDisconnectedAsync(client, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.HookFailed(_logger, "disconnect", client.Id, exception);
        }
    }

    internal void OnSlowConsumer(SocketClient client)
    {
        Log.SlowConsumer(_logger, client.Id, Ref);
        SocketMetrics.Evicted(Ref, CloseReasons.SlowConsumer);
        // The client has already stopped taking frames and closes itself (1008 for a socket). Leaving
        // runs the disconnect hook, which may broadcast: never do that on the broadcaster's stack.
        _ = Task.Run(() => LeaveAsync(client).AsTask());
    }

    /// <summary>
    /// Throws unless the endpoint declares that it sends <typeparamref name="TEvent"/>: the run-time
    /// side of TSK022, for code that silenced it or that the analyzer cannot see.
    /// </summary>
    internal void CheckOutbound<TEvent>()
    {
        if (Array.IndexOf(_outbound, typeof(TEvent)) < 0)
        {
            throw new InvalidOperationException(
                $"Endpoint '{Ref}' does not declare that it sends '{SocketEventCodec<TEvent>.Instance.EventName}' ({typeof(TEvent).Name}): " +
                $"add [Sends<{typeof(TEvent).Name}>] to the endpoint or its contract (TSK022).");
        }
    }

    /// <summary>Throws unless the endpoint receives <typeparamref name="TEvent"/>: the run-time side of TSK024.</summary>
    private void CheckInbound<TEvent>()
    {
        if (Array.IndexOf(_inbound, typeof(TEvent)) < 0)
        {
            throw new InvalidOperationException(
                $"Endpoint '{Ref}' does not receive '{SocketEventCodec<TEvent>.Instance.EventName}' ({typeof(TEvent).Name}): " +
                $"add an [OnEvent] handler for it or [Receives<{typeof(TEvent).Name}>] to the endpoint or its contract (TSK024).");
        }
    }

    private ValueTask Publish<TEvent>(SocketBusTarget target, string? group, string? clientId, string? exceptId, TEvent value)
    {
        CheckOutbound<TEvent>();
        GetOrStartManager();
        var frame = FrameWriter.Event(SocketEventCodec<TEvent>.Instance, value);
        var pending = _bus.PublishAsync(new SocketBusMessage(Ref, target, group, clientId, exceptId, frame));
        if (pending.IsCompletedSuccessfully)
        {
            frame.Release();
            return ValueTask.CompletedTask;
        }
        return ReleaseAfter(pending, frame);

        static async ValueTask ReleaseAfter(ValueTask pending, SocketFrame frame)
        {
            try
            {
                await pending.ConfigureAwait(false);
            }
            finally
            {
                frame.Release();
            }
        }
    }

    private string OriginatorId(SocketClient? originator) =>
        (originator ?? SocketClient.Current)?.Id
        ?? throw new InvalidOperationException(
            "BroadcastFrom without an originator can only be called while an event or connect hook of a client is running.");

    private SocketEndpointManager GetOrStartManager()
    {
        var manager = Volatile.Read(ref _manager);
        if (manager is not null)
        {
            return manager;
        }
        lock (_lock)
        {
            if (_manager is null)
            {
                _manager = new SocketEndpointManager(this, _bus);
                Log.EndpointStarted(_logger, Ref);
            }
            return _manager;
        }
    }
}
