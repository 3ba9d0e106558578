using Microsoft.AspNetCore.SignalR;

namespace SignalRChat;

/// <summary>
/// The chat of samples/Chat as a SignalR hub at <c>/ws/chat</c>: the client events are hub
/// methods (<c>Say</c>, <c>JoinRoom</c>, …), the server events are sent with SendAsync under
/// the same names as there (<c>welcome</c>, <c>joined</c>, …).
/// </summary>
public sealed partial class ChatHub(ChatPresence presence, ILogger<ChatHub> log) : Hub
{
    private const int MaxTextLength = 2000;
    private const int MaxRoomLength = 64;

    public override async Task OnConnectedAsync()
    {
        var id = Context.ConnectionId;
        var online = presence.Arrive();
        LogConnected(log, id, online);
        await Clients.Caller.SendAsync("welcome", new Welcome(id, online));
        await Clients.Others.SendAsync("joined", new Joined(id));
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        // SignalR has already removed the connection, so All reaches only the others.
        presence.Depart();
        LogDisconnected(log, Context.ConnectionId);
        return Clients.All.SendAsync("left", new Left(Context.ConnectionId));
    }

    // The methods that refuse input are async on purpose. Under Native AOT SignalR calls a hub
    // method by reflection, which wraps a HubException thrown by the call itself in a
    // TargetInvocationException, and the client then gets only "An unexpected error occurred";
    // thrown inside an async method, it travels in the task and its message reaches the client.

    public async Task Say(Say message) =>
        await Clients.Others.SendAsync("said", new Said(Context.ConnectionId, CheckText(message.Text)));

    public async Task JoinRoom(JoinRoom message)
    {
        var room = CheckRoom(message.Room);
        Rooms.Add(room);
        await Groups.AddToGroupAsync(Context.ConnectionId, room);
    }

    public async Task LeaveRoom(LeaveRoom message)
    {
        var room = CheckRoom(message.Room);
        Rooms.Remove(room);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, room);
    }

    public async Task RoomSay(RoomSay message)
    {
        var room = CheckRoom(message.Room);
        if (!Rooms.Contains(room))
        {
            throw new HubException($"Join room '{room}' before speaking in it.");
        }
        await Clients.OthersInGroup(room).SendAsync("room_said", new RoomSaid(room, Context.ConnectionId, CheckText(message.Text)));
    }

    public Pong Ping(Ping ping) => new(ping.Seq);

    /// <summary>
    /// The rooms this connection is in. SignalR cannot say whether a connection is in a group, so
    /// the hub remembers it per connection; SignalR runs one invocation per connection at a time
    /// by default, so a plain set is enough.
    /// </summary>
    private HashSet<string> Rooms
    {
        get
        {
            if (Context.Items.TryGetValue(typeof(ChatHub), out var rooms) && rooms is HashSet<string> set)
            {
                return set;
            }
            set = new HashSet<string>(StringComparer.Ordinal);
            Context.Items[typeof(ChatHub)] = set;
            return set;
        }
    }

    private static string CheckText(string text) =>
        string.IsNullOrWhiteSpace(text) || text.Length > MaxTextLength
            ? throw new HubException($"The text must have 1 to {MaxTextLength} characters.")
            : text;

    private static string CheckRoom(string room) =>
        string.IsNullOrWhiteSpace(room) || room.Length > MaxRoomLength
            ? throw new HubException($"The room name must have 1 to {MaxRoomLength} characters.")
            : room;

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {ClientId} connected, {Online} online")]
    private static partial void LogConnected(ILogger logger, string clientId, int online);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {ClientId} disconnected")]
    private static partial void LogDisconnected(ILogger logger, string clientId);
}
