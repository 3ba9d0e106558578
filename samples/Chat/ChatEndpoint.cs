using TypedSockets;

namespace Chat;

/// <summary>A chat room for everyone connected to <c>/ws/chat</c>, with named rooms inside it.</summary>
/// <remarks>
/// Its contract, <see cref="IChatContract"/>, lives in samples/Chat.Contracts, where clients read
/// it too: its handlers must match what the contract receives (TSK025), and sending anything the
/// contract does not declare does not compile (TSK022).
/// </remarks>
[SocketEndpoint]
public sealed partial class ChatEndpoint(ILogger<ChatEndpoint> log) : SocketEndpoint<IChatContract>
{
    private const int MaxTextLength = 2000;
    private const int MaxRoomLength = 64;

    [OnConnect]
    public async ValueTask Connected(SocketClient client)
    {
        // The hook runs after the client joined, so the count includes it; on Redis it counts the
        // clients of every Chat server.
        var online = await CountClientsAsync();
        LogConnected(log, client.Id, online);
        await client.SendAsync(new Welcome(client.Id, online));
        await BroadcastFrom(client, new Joined(client.Id));
    }

    [OnDisconnect]
    public ValueTask Disconnected(SocketClient client)
    {
        // The client has already left, so a plain broadcast reaches only the others.
        LogDisconnected(log, client.Id);
        return Broadcast(new Left(client.Id));
    }

    [OnEvent]
    public ValueTask Say(Say message, SocketClient sender) =>
        BroadcastFrom(sender, new Said(sender.Id, CheckText(message.Text)));

    [OnEvent]
    public ValueTask JoinRoom(JoinRoom message, SocketClient sender) => JoinGroup(sender, CheckRoom(message.Room));

    [OnEvent]
    public ValueTask LeaveRoom(LeaveRoom message, SocketClient sender) => LeaveGroup(sender, CheckRoom(message.Room));

    [OnEvent]
    public ValueTask RoomSay(RoomSay message, SocketClient sender)
    {
        var room = CheckRoom(message.Room);
        if (!sender.IsInGroup(room))
        {
            throw new SocketErrorException(SocketErrorCodes.Forbidden, $"Join room '{room}' before speaking in it.");
        }
        return BroadcastToGroupFrom(room, sender, new RoomSaid(room, sender.Id, CheckText(message.Text)));
    }

    [OnEvent]
    public Pong Ping(Ping ping) => new(ping.Seq);

    // The generated reader has already refused a missing or null text or room (invalid_data);
    // what is left to check is what the app itself wants.
    private static string CheckText(string text) =>
        string.IsNullOrWhiteSpace(text) || text.Length > MaxTextLength
            ? throw new SocketErrorException("invalid_text", $"The text must have 1 to {MaxTextLength} characters.")
            : text;

    private static string CheckRoom(string room) =>
        string.IsNullOrWhiteSpace(room) || room.Length > MaxRoomLength
            ? throw new SocketErrorException("invalid_room", $"The room name must have 1 to {MaxRoomLength} characters.")
            : room;

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {ClientId} connected, {Online} online")]
    private static partial void LogConnected(ILogger logger, string clientId, int online);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {ClientId} disconnected")]
    private static partial void LogDisconnected(ILogger logger, string clientId);
}
