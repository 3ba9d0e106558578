using TypedSockets;

namespace Chat;

/// <summary>
/// What the chat endpoint (<c>/ws/chat</c>) receives and sends: the one description the server,
/// the generated <c>ChatClient</c>, the AsyncAPI document and the contract hash are all made from.
/// </summary>
[SocketContract("chat")]
[Receives<Say>, Receives<JoinRoom>, Receives<LeaveRoom>, Receives<RoomSay>, Receives<Ping>(Reply = typeof(Pong))]
[Sends<Welcome>, Sends<Joined>, Sends<Left>, Sends<Said>, Sends<RoomSaid>]
public partial interface IChatContract;
