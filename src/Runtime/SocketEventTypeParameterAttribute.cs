namespace TypedSockets;

/// <summary>
/// Marks a type parameter that only a <see cref="SocketEventAttribute"/> type may fill, such as
/// the <c>TEvent</c> of <see cref="SocketEndpoint.Broadcast{TEvent}"/>. The TypedSockets analyzer
/// checks every type argument given for it at compile time (TSK021), which is how those
/// operations stay typed without a constraint that other source generators could not see.
/// </summary>
/// <remarks>
/// Put it on a type parameter of your own generic method that forwards to such an operation:
/// inside the method the type parameter counts as an event, and the method's callers are checked.
/// </remarks>
[AttributeUsage(AttributeTargets.GenericParameter, AllowMultiple = false, Inherited = false)]
public sealed class SocketEventTypeParameterAttribute : Attribute;
