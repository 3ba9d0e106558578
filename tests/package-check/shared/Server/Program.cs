using Chat.Contracts;
using TypedSockets;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddTypedSockets();
var app = builder.Build();
app.UseWebSockets();
app.MapTypedSockets();
app.MapGet("/online", (ChatEndpoint chat) => chat.Clients.Count);
app.Run();

/// <summary>Serves the shared contract: its ref, path and events come from <see cref="IChatContract"/>.</summary>
[SocketEndpoint]
public sealed partial class ChatEndpoint : SocketEndpoint<IChatContract>
{
    [OnConnect]
    public ValueTask Connected(SocketClient client) => SendTo(client, new Welcome(client.Id, Clients.Count));

    [OnEvent]
    public ValueTask Say(Say message, SocketClient sender) => BroadcastFrom(sender, new Said(sender.Id, message.Text));

    [OnEvent]
    public Pong Ping(Ping ping) => new(ping.Seq);
}
