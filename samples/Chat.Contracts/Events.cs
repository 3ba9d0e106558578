using TypedSockets;

namespace Chat;

// Client -> server.

[SocketEvent("say")]
public sealed partial record Say(string Text);

[SocketEvent("join_room")]
public sealed partial record JoinRoom(string Room);

[SocketEvent("leave_room")]
public sealed partial record LeaveRoom(string Room);

[SocketEvent("room_say")]
public sealed partial record RoomSay(string Room, string Text);

[SocketEvent("ping")]
public sealed partial record Ping(int Seq);

// Server -> client.

[SocketEvent("welcome")]
public sealed partial record Welcome(string Id, int Online);

[SocketEvent("joined")]
public sealed partial record Joined(string Id);

[SocketEvent("left")]
public sealed partial record Left(string Id);

[SocketEvent("said")]
public sealed partial record Said(string From, string Text);

[SocketEvent("room_said")]
public sealed partial record RoomSaid(string Room, string From, string Text);

[SocketEvent("pong")]
public sealed partial record Pong(int Seq);
