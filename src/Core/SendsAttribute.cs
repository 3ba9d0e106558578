namespace TypedSockets;

/// <summary>
/// Declares that an endpoint sends <typeparamref name="TEvent"/> to its clients: on a
/// <c>[SocketEndpoint]</c> class, or on the <see cref="SocketContractAttribute"/> type it adopts.
/// Sending an event the endpoint does not declare (<c>Broadcast</c>, <c>SendTo</c>,
/// <c>SocketClient.SendAsync</c>, ...) is error TSK022, and the declarations are what clients,
/// the AsyncAPI document and the contract hash are made from.
/// </summary>
/// <typeparam name="TEvent">A <see cref="SocketEventAttribute"/> type (TSK021 otherwise).</typeparam>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Interface, AllowMultiple = true, Inherited = false)]
public sealed class SendsAttribute<[SocketEventTypeParameter] TEvent> : Attribute;
