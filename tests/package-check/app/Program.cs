using System.Net.WebSockets;
using System.Text;
using TypedSockets;

// Serves one endpoint, then talks to it through a real WebSocket and exits 0 when the reply is right.
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Services.AddTypedSockets();
var app = builder.Build();
app.UseWebSockets();
app.MapTypedSockets();
await app.StartAsync();

var address = app.Urls.First().Replace("http://", "ws://", StringComparison.Ordinal);
using var socket = new ClientWebSocket();
using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
await socket.ConnectAsync(new Uri(address + "/ws/check"), timeout.Token);
await socket.SendAsync("""{"event":"ping","data":{"seq":7},"ref":"r"}"""u8.ToArray(), WebSocketMessageType.Text, true, timeout.Token);
var buffer = new byte[4096];
var length = 0;
WebSocketReceiveResult result;
do
{
    // A message may arrive in more than one piece.
    result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), timeout.Token);
    length += result.Count;
}
while (!result.EndOfMessage && length < buffer.Length);
var reply = Encoding.UTF8.GetString(buffer, 0, length);
const string Expected = """{"event":"reply","ref":"r","data":{"event":"pong","data":{"seq":7}}}""";
Console.WriteLine(reply);
await app.StopAsync();
return reply == Expected && SocketJson.SerializeToString(new Pong(1)) == """{"seq":1}""" ? 0 : 1;

[SocketEndpoint("check")]
public sealed partial class CheckEndpoint : SocketEndpoint
{
    [OnEvent]
    public Pong Ping(Ping ping) => new(ping.Seq);
}

[SocketEvent("ping")] public sealed partial record Ping(int Seq);
[SocketEvent("pong")] public sealed partial record Pong(int Seq);
