using TypedSockets.Endpoints;

namespace TypedSockets;

/// <summary>
/// The base class of every <see cref="SocketEndpointAttribute"/> class: the operations an
/// endpoint offers its handlers and the rest of the app (<c>Broadcast</c>, <c>BroadcastFrom</c>,
/// <c>SendTo</c>, groups, <c>Join</c>, <c>Leave</c>, <c>Stop</c>, <c>Clients</c>).
/// </summary>
/// <remarks>
/// <para>
/// These operations live here, in the library, rather than in generated code, so that every
/// compiler pass sees them: other source generators (ASP.NET Core's request-delegate generator
/// for minimal APIs under Native AOT, for one) never see what another generator adds, and would
/// otherwise fail on a lambda such as <c>(ChatEndpoint chat) =&gt; chat.Clients.Count</c>. The
/// generator adds the endpoint's dispatch and factory; the instance is bound to its running
/// endpoint when dependency injection creates it.
/// </para>
/// <para>
/// For the same reason the operations that take an event accept any <c>TEvent</c> and find its
/// generated JSON code through <see cref="SocketEventRegistry"/>: a constraint would name an
/// interface that only generated code implements. A type argument that is not a
/// <see cref="SocketEventAttribute"/> type is a compile-time error instead (TSK021), and so is an
/// event the endpoint does not declare (TSK022: <see cref="SendsAttribute{TEvent}"/>; TSK024:
/// a handler or <see cref="ReceivesAttribute{TEvent}"/>). At run time the same check throws
/// <see cref="InvalidOperationException"/>, so a silenced diagnostic cannot leak an undeclared event.
/// </para>
/// </remarks>
public abstract class SocketEndpoint
{
    private SocketEndpointHost? _host;

    /// <summary>Creates the endpoint; dependency injection binds it to its running endpoint.</summary>
    protected SocketEndpoint()
    {
    }

    private SocketEndpointHost Host => _host ?? throw new InvalidOperationException(
        $"{GetType().Name} was created with 'new'; get it from dependency injection (services.AddTypedSockets()) so it is bound to its endpoint.");

    /// <summary>The clients connected to this endpoint, a snapshot.</summary>
    public IReadOnlyList<SocketClient> Clients => Host.Clients;

    /// <summary>The members of <paramref name="group"/>, a snapshot.</summary>
    public IReadOnlyList<SocketClient> GroupMembers(string group) => Host.GroupMembers(group);

    /// <summary>
    /// Adds a client (for example an <see cref="InProcessSocketClient"/>) to this endpoint,
    /// starting the endpoint if needed, and runs its connect hook.
    /// </summary>
    public ValueTask Join(SocketClient client) => Host.JoinAsync(client);

    /// <summary>Removes a client from this endpoint and its groups, and runs the disconnect hook.</summary>
    public ValueTask Leave(SocketClient client) => Host.LeaveAsync(client);

    /// <summary>Sends an event to every client of this endpoint; it is serialized once for all of them.</summary>
    public ValueTask Broadcast<[SocketEventTypeParameter(SocketEventDirection.Outbound)] TEvent>(TEvent value) => Host.Broadcast(value);

    /// <summary>Sends an event to every client but <paramref name="originator"/>.</summary>
    public ValueTask BroadcastFrom<[SocketEventTypeParameter(SocketEventDirection.Outbound)] TEvent>(SocketClient originator, TEvent value) =>
        Host.BroadcastFrom(originator, value);

    /// <summary>
    /// Sends an event to every client but the one whose event or hook is running; outside a
    /// handler or hook it throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public ValueTask BroadcastFrom<[SocketEventTypeParameter(SocketEventDirection.Outbound)] TEvent>(TEvent value) => Host.BroadcastFrom(null, value);

    /// <summary>Sends an event to one client.</summary>
    public ValueTask SendTo<[SocketEventTypeParameter(SocketEventDirection.Outbound)] TEvent>(SocketClient client, TEvent value) => Host.SendTo(client, value);

    /// <summary>
    /// Sends an event to the client with this id, connected to this server or (with a distributed
    /// bus) to another; nothing happens when no server has it.
    /// </summary>
    public ValueTask SendTo<[SocketEventTypeParameter(SocketEventDirection.Outbound)] TEvent>(string clientId, TEvent value) => Host.SendTo(clientId, value);

    /// <summary>
    /// How many clients the endpoint has on every server: with a distributed bus, this server's
    /// own and what each other server last reported (a change reaches the others within a round
    /// trip through the bus); with the in-process bus, <c>Clients.Count</c>.
    /// </summary>
    public ValueTask<int> CountClientsAsync() => Host.CountClientsAsync();

    /// <summary>Adds a client of this endpoint to a group.</summary>
    public ValueTask JoinGroup(SocketClient client, string group) => Host.JoinGroup(client, group);

    /// <summary>
    /// Adds the client with this id to a group, wherever it is connected: with a distributed bus the
    /// server that has it applies and acknowledges the change. Throws
    /// <see cref="InvalidOperationException"/> when no server has it, <see cref="TimeoutException"/>
    /// when the servers did not answer in time.
    /// </summary>
    public ValueTask JoinGroup(string clientId, string group) => Host.JoinGroup(clientId, group);

    /// <summary>Removes a client from a group; nothing happens when it is not a member.</summary>
    public ValueTask LeaveGroup(SocketClient client, string group) => Host.LeaveGroup(client, group);

    /// <summary>Removes the client with this id from a group, wherever it is connected (see <see cref="JoinGroup(string, string)"/>).</summary>
    public ValueTask LeaveGroup(string clientId, string group) => Host.LeaveGroup(clientId, group);

    /// <summary>Sends an event to every member of a group.</summary>
    public ValueTask BroadcastToGroup<[SocketEventTypeParameter(SocketEventDirection.Outbound)] TEvent>(string group, TEvent value) =>
        Host.BroadcastToGroup(group, value);

    /// <summary>Sends an event to every member of a group but <paramref name="originator"/>.</summary>
    public ValueTask BroadcastToGroupFrom<[SocketEventTypeParameter(SocketEventDirection.Outbound)] TEvent>(string group, SocketClient originator, TEvent value) =>
        Host.BroadcastToGroupFrom(group, originator, value);

    /// <summary>Sends an event to every member of a group but the client whose event or hook is running.</summary>
    public ValueTask BroadcastToGroupFrom<[SocketEventTypeParameter(SocketEventDirection.Outbound)] TEvent>(string group, TEvent value) =>
        Host.BroadcastToGroupFrom(group, null, value);

    /// <summary>
    /// Closes every client with 1001 (after their queued frames), on every server of a distributed
    /// bus; the next connection starts the endpoint afresh.
    /// </summary>
    public ValueTask Stop() => Host.Stop();

    /// <summary>
    /// Observes every inbound <typeparamref name="TEvent"/> before its handler runs, with the
    /// client that sent it. The callback runs on the connection's loop: keep it short.
    /// </summary>
    /// <returns>Disposing it ends the subscription.</returns>
    public IDisposable Subscribe<[SocketEventTypeParameter(SocketEventDirection.Inbound)] TEvent>(Action<SocketClient, TEvent> callback) =>
        Host.Subscribe(callback);

    /// <summary>
    /// The inbound <typeparamref name="TEvent"/>s from the moment enumeration starts, as an async
    /// stream. When the reader falls more than <see cref="TypedSocketsOptions.SubscriberQueueCapacity"/>
    /// events behind, the oldest are dropped rather than slowing the clients down.
    /// </summary>
    public IAsyncEnumerable<SocketEventReceived<TEvent>> ReadEventsAsync<[SocketEventTypeParameter(SocketEventDirection.Inbound)] TEvent>(
        CancellationToken cancellationToken = default) =>
        Host.ReadEventsAsync<TEvent>(cancellationToken);

    /// <summary>Binds a new instance to the host that runs its endpoint; once only.</summary>
    internal void Bind(SocketEndpointHost host)
    {
        if (Interlocked.CompareExchange(ref _host, host, null) is not null)
        {
            throw new InvalidOperationException($"{GetType().Name} is already bound to its endpoint.");
        }
    }
}

/// <summary>
/// The base class of an endpoint that adopts <typeparamref name="TContract"/>, a
/// <see cref="SocketContractAttribute"/> type that a shared library can hold: the endpoint takes
/// its ref, path, and the events it receives and sends from there, and its handlers must match it.
/// </summary>
/// <typeparam name="TContract">The contract type.</typeparam>
public abstract class SocketEndpoint<TContract> : SocketEndpoint
    where TContract : class
{
    /// <summary>Creates the endpoint; dependency injection binds it to its running endpoint.</summary>
    protected SocketEndpoint()
    {
    }
}
