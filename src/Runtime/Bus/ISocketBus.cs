namespace TypedSockets.Bus;

/// <summary>
/// Carries broadcasts from an endpoint to the clients that should receive them. The default,
/// <see cref="InProcessSocketBus"/>, delivers within this process; a distributed bus (Redis, …)
/// carries the same messages to other servers with the same semantics.
/// </summary>
public interface ISocketBus
{
    /// <summary>Delivers <paramref name="message"/> to every subscriber of its endpoint.</summary>
    ValueTask PublishAsync(SocketBusMessage message, CancellationToken cancellationToken = default);

    /// <summary>Subscribes an endpoint's clients on this server to the messages of <paramref name="endpointRef"/>.</summary>
    /// <returns>Disposing it ends the subscription.</returns>
    IDisposable Subscribe(string endpointRef, ISocketBusSubscriber subscriber);

    /// <summary>
    /// Carries a command to the other servers of the endpoint: a group change for a client that is
    /// not connected here (applied by the server that has it, which acknowledges), or a stop (applied
    /// by every server, not acknowledged). The endpoint has already looked for the client here.
    /// </summary>
    /// <returns>
    /// For a group change, whether a server had the client and applied it; for a stop, whether it
    /// was sent. A bus within one process has no other servers: <see langword="false"/>.
    /// </returns>
    /// <exception cref="TimeoutException">No server answered a group change in time.</exception>
    ValueTask<bool> SendCommandAsync(SocketBusCommand command, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(false);

    /// <summary>
    /// Told how many clients an endpoint has on this server after each change (0 when it stops), so
    /// a distributed bus can tell the other servers.
    /// </summary>
    void ClientCountChanged(string endpointRef, int count)
    {
    }

    /// <summary>
    /// How many clients the endpoint has on every server together, <paramref name="localCount"/>
    /// of them here; <see langword="null"/> when this server's count is the whole (a bus within one process).
    /// </summary>
    ValueTask<int?> CountClientsAsync(string endpointRef, int localCount, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<int?>(null);
}

/// <summary>An endpoint's local clients, receiving bus messages.</summary>
public interface ISocketBusSubscriber
{
    /// <summary>Delivers a message to the local clients it targets. Must not block.</summary>
    void Deliver(in SocketBusMessage message);

    /// <summary>
    /// Applies a command from another server: a group change for a client connected here, or a
    /// stop. Must not block.
    /// </summary>
    /// <returns>Whether it applied: the client is connected here, or the endpoint stopped.</returns>
    bool Apply(in SocketBusCommand command) => false;
}

/// <summary>What a <see cref="SocketBusCommand"/> asks of the server that applies it.</summary>
public enum SocketBusCommandKind
{
    /// <summary>Add <see cref="SocketBusCommand.ClientId"/> to <see cref="SocketBusCommand.Group"/>.</summary>
    JoinGroup,

    /// <summary>Remove <see cref="SocketBusCommand.ClientId"/> from <see cref="SocketBusCommand.Group"/>.</summary>
    LeaveGroup,

    /// <summary>Stop the endpoint: close its clients with 1001.</summary>
    Stop,
}

/// <summary>A command for the servers of an endpoint (see <see cref="ISocketBus.SendCommandAsync"/>).</summary>
/// <param name="EndpointRef">The endpoint.</param>
/// <param name="Kind">What to do.</param>
/// <param name="ClientId">The client, for a group change.</param>
/// <param name="Group">The group, for a group change.</param>
public readonly record struct SocketBusCommand(string EndpointRef, SocketBusCommandKind Kind, string? ClientId = null, string? Group = null);

/// <summary>Who a bus message is for.</summary>
public enum SocketBusTarget
{
    /// <summary>Every client of the endpoint, except <see cref="SocketBusMessage.ExceptClientId"/> when set.</summary>
    All,

    /// <summary>Every member of <see cref="SocketBusMessage.Group"/>, except <see cref="SocketBusMessage.ExceptClientId"/> when set.</summary>
    Group,

    /// <summary>The one client <see cref="SocketBusMessage.ClientId"/>.</summary>
    Client,
}

/// <summary>
/// One broadcast on the bus: a complete, serialized protocol frame and who it is for. The frame
/// is serialized once, before it reaches the bus.
/// </summary>
public readonly struct SocketBusMessage
{
    internal SocketBusMessage(
        string endpointRef,
        SocketBusTarget target,
        string? group,
        string? clientId,
        string? exceptClientId,
        Serialization.SocketFrame frame)
    {
        EndpointRef = endpointRef;
        Target = target;
        Group = group;
        ClientId = clientId;
        ExceptClientId = exceptClientId;
        Frame = frame;
        Payload = frame.Memory;
        VolatileEvent = frame.VolatileKey;
    }

    /// <summary>Creates a message from frame bytes that came from elsewhere (another server).</summary>
    public SocketBusMessage(
        string endpointRef,
        SocketBusTarget target,
        string? group,
        string? clientId,
        string? exceptClientId,
        ReadOnlyMemory<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(endpointRef);
        EndpointRef = endpointRef;
        Target = target;
        Group = group;
        ClientId = clientId;
        ExceptClientId = exceptClientId;
        Payload = payload;
    }

    /// <summary>The endpoint the message belongs to.</summary>
    public string EndpointRef { get; }

    /// <summary>Who the message is for.</summary>
    public SocketBusTarget Target { get; }

    /// <summary>The group, for <see cref="SocketBusTarget.Group"/>.</summary>
    public string? Group { get; }

    /// <summary>The client, for <see cref="SocketBusTarget.Client"/>.</summary>
    public string? ClientId { get; }

    /// <summary>The client that must not receive it (the originator), if any.</summary>
    public string? ExceptClientId { get; }

    /// <summary>The complete UTF-8 text frame.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>
    /// The event name when the frame carries a volatile event (a bus that carries messages to other
    /// servers carries this too, so they apply the same queue rules); <see langword="null"/> otherwise.
    /// </summary>
    public string? VolatileEvent { get; init; }

    /// <summary>The pooled frame, when the message never left this process.</summary>
    internal Serialization.SocketFrame? Frame { get; }
}
