namespace TypedSockets;

/// <summary>
/// Marks a type parameter that only a <see cref="SocketEventAttribute"/> type may fill, such as
/// the <c>TEvent</c> of <c>SocketEndpoint.Broadcast</c>. The TypedSockets analyzer checks every
/// type argument given for it at compile time (TSK021), which is how those operations stay typed
/// without a constraint that other source generators could not see. When the type parameter says
/// which way the event travels, the analyzer also checks the event against the contract of the
/// endpoint the call is made on (TSK022, TSK024).
/// </summary>
/// <remarks>
/// Put it on a type parameter of your own generic method that forwards to an operation that
/// takes any event (such as <see cref="SocketJson"/>): inside the method the type parameter counts
/// as an event, and the method's callers are checked. A send cannot be forwarded that way: which
/// events an endpoint sends is checked where the event type is concrete.
/// </remarks>
[AttributeUsage(AttributeTargets.GenericParameter, AllowMultiple = false, Inherited = false)]
public sealed class SocketEventTypeParameterAttribute : Attribute
{
    /// <summary>Marks a type parameter that any event may fill, whichever way it travels.</summary>
    public SocketEventTypeParameterAttribute()
    {
    }

    /// <summary>Marks a type parameter for events that travel one way through an endpoint.</summary>
    public SocketEventTypeParameterAttribute(SocketEventDirection direction) => Direction = direction;

    /// <summary>Which way the event travels, as seen from the endpoint.</summary>
    public SocketEventDirection Direction { get; }
}

/// <summary>Which way an event travels, as seen from the endpoint (the server).</summary>
public enum SocketEventDirection
{
    /// <summary>Either way: serialization, logging, storage.</summary>
    Any = 0,

    /// <summary>From the endpoint to its clients: the endpoint must declare it with <see cref="SendsAttribute{TEvent}"/>.</summary>
    Outbound = 1,

    /// <summary>From clients to the endpoint: the endpoint must handle it or declare it with <see cref="ReceivesAttribute{TEvent}"/>.</summary>
    Inbound = 2,
}
