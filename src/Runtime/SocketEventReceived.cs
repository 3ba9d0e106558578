namespace TypedSockets;

/// <summary>An inbound event seen by a server-side observer, with the client that sent it.</summary>
/// <typeparam name="TEvent">The event type.</typeparam>
/// <param name="Client">The client that sent the event.</param>
/// <param name="Event">The event.</param>
public readonly record struct SocketEventReceived<TEvent>(SocketClient Client, TEvent Event);
