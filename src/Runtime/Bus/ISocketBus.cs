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
}

/// <summary>An endpoint's local clients, receiving bus messages.</summary>
public interface ISocketBusSubscriber
{
    /// <summary>Delivers a message to the local clients it targets. Must not block.</summary>
    void Deliver(in SocketBusMessage message);
}

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
