using System.ComponentModel;
using TypedSockets.Serialization;

namespace TypedSockets;

/// <summary>
/// Where the generated code of each event type is found by the operations that take an event
/// without a generic constraint (<c>Broadcast</c>, <c>SendTo</c>, <c>SocketClient.SendAsync</c>,
/// <see cref="SocketJson"/>). The generator registers every <see cref="SocketEventAttribute"/> type
/// of an assembly from a module initializer; app code never calls this.
/// </summary>
/// <remarks>
/// Those operations cannot say <c>where TEvent : ISocketEvent&lt;TEvent&gt;</c>: the event type
/// implements the interface only in generated code, which other source generators (ASP.NET Core's
/// request-delegate generator under Native AOT, for one) never see, so a call such as
/// <c>chat.Broadcast(new Said(...))</c> inside a minimal-API lambda would not bind for them. The
/// constraint moves to compile time instead: passing a type that is not an event is error TSK021.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SocketEventRegistry
{
    /// <summary>Makes <typeparamref name="TEvent"/>'s generated code reachable from its type alone.</summary>
    public static void Register<TEvent>() where TEvent : ISocketEvent<TEvent> => SocketEventCodec.Register<TEvent>();
}
