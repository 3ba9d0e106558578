using System.Text.Json.Serialization;

namespace SignalRChat;

// Client -> server: the arguments of hub methods.

public sealed record Say(string Text);

public sealed record JoinRoom(string Room);

public sealed record LeaveRoom(string Room);

public sealed record RoomSay(string Room, string Text);

public sealed record Ping(int Seq);

// Server -> client: the arguments of SendAsync, or a hub method's result.

public sealed record Welcome(string Id, int Online);

public sealed record Joined(string Id);

public sealed record Left(string Id);

public sealed record Said(string From, string Text);

public sealed record RoomSaid(string Room, string From, string Text);

public sealed record Pong(int Seq);

/// <summary>
/// The JSON code for every payload, generated at compile time. SignalR's own payload options
/// (camelCase) decide how it reads and writes, not options given here.
/// </summary>
[JsonSerializable(typeof(Say))]
[JsonSerializable(typeof(JoinRoom))]
[JsonSerializable(typeof(LeaveRoom))]
[JsonSerializable(typeof(RoomSay))]
[JsonSerializable(typeof(Ping))]
[JsonSerializable(typeof(Welcome))]
[JsonSerializable(typeof(Joined))]
[JsonSerializable(typeof(Left))]
[JsonSerializable(typeof(Said))]
[JsonSerializable(typeof(RoomSaid))]
[JsonSerializable(typeof(Pong))]
internal sealed partial class ChatJsonContext : JsonSerializerContext;
