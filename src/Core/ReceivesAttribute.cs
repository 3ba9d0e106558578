namespace TypedSockets;

/// <summary>
/// Declares that an endpoint receives <typeparamref name="TEvent"/> from its clients. On a
/// <see cref="SocketContractAttribute"/> type it lists the events the adopting endpoint handles;
/// on a <c>[SocketEndpoint]</c> class it declares an event that has no <c>[OnEvent]</c> handler
/// because the endpoint reads it with <c>Subscribe</c> or <c>ReadEventsAsync</c> (an endpoint's
/// handlers declare their events themselves).
/// </summary>
/// <typeparam name="TEvent">A <see cref="SocketEventAttribute"/> type (TSK021 otherwise).</typeparam>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Interface, AllowMultiple = true, Inherited = false)]
public sealed class ReceivesAttribute<[SocketEventTypeParameter] TEvent> : Attribute
{
    /// <summary>
    /// The <see cref="SocketEventAttribute"/> type the endpoint answers a request with, when its
    /// handler returns one; <see langword="null"/> when the handler returns nothing.
    /// </summary>
    public Type? Reply { get; init; }
}
