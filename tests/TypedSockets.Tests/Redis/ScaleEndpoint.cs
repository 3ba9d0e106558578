namespace TypedSockets.Tests.Redis;

// The endpoint the Redis bus tests run on several servers: every operation the bus carries,
// started by a client's event so a test drives it from any server.

[SocketEvent("sc_all")] public sealed partial record ScAll(string Text);
[SocketEvent("sc_from")] public sealed partial record ScFrom(string Text);
[SocketEvent("sc_join")] public sealed partial record ScJoin(string Room);
[SocketEvent("sc_room")] public sealed partial record ScRoom(string Room, string Text);
[SocketEvent("sc_room_from")] public sealed partial record ScRoomFrom(string Room, string Text);
[SocketEvent("sc_to")] public sealed partial record ScTo(string ClientId, string Text);
[SocketEvent("sc_add")] public sealed partial record ScAdd(string ClientId, string Room);
[SocketEvent("sc_remove")] public sealed partial record ScRemove(string ClientId, string Room);
[SocketEvent("sc_stop")] public sealed partial record ScStop;
[SocketEvent("sc_burst")] public sealed partial record ScBurst(int Count);
[SocketEvent("sc_whoami")] public sealed partial record ScWhoAmI;
[SocketEvent("sc_count")] public sealed partial record ScCount;
[SocketEvent("sc_counted")] public sealed partial record ScCounted(int Clients, int Here);

[SocketEvent("sc_said")] public sealed partial record ScSaid(string From, string Text);
[SocketEvent("sc_seq")] public sealed partial record ScSeq(int N);
[SocketEvent("sc_me")] public sealed partial record ScMe(string Id);
[SocketEvent("sc_tick", Volatile = true)] public sealed partial record ScTick(int N);

[SocketEndpoint("scale")]
[Sends<ScSaid>, Sends<ScSeq>, Sends<ScTick>]
public sealed partial class ScaleEndpoint : SocketEndpoint
{
    [OnEvent] public ValueTask All(ScAll e, SocketClient sender) => Broadcast(new ScSaid(sender.Id, e.Text));

    [OnEvent] public ValueTask From(ScFrom e, SocketClient sender) => BroadcastFrom(new ScSaid(sender.Id, e.Text));

    [OnEvent] public ValueTask Join(ScJoin e, SocketClient sender) => JoinGroup(sender, e.Room);

    [OnEvent] public ValueTask Room(ScRoom e, SocketClient sender) => BroadcastToGroup(e.Room, new ScSaid(sender.Id, e.Text));

    [OnEvent] public ValueTask RoomFrom(ScRoomFrom e, SocketClient sender) => BroadcastToGroupFrom(e.Room, new ScSaid(sender.Id, e.Text));

    [OnEvent] public ValueTask To(ScTo e, SocketClient sender) => SendTo(e.ClientId, new ScSaid(sender.Id, e.Text));

    [OnEvent] public ValueTask Add(ScAdd e) => JoinGroup(e.ClientId, e.Room);

    [OnEvent] public ValueTask Remove(ScRemove e) => LeaveGroup(e.ClientId, e.Room);

    [OnEvent] public ValueTask StopAll(ScStop e) => Stop();

    [OnEvent]
    public async ValueTask Burst(ScBurst e)
    {
        for (var i = 0; i < e.Count; i++)
        {
            await Broadcast(new ScSeq(i));
        }
    }

    [OnEvent] public ScMe WhoAmI(ScWhoAmI e, SocketClient sender) => new(sender.Id);

    [OnEvent] public async ValueTask<ScCounted> Count(ScCount e) => new(await CountClientsAsync(), Clients.Count);
}
