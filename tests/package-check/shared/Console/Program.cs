// Talks to the server through the shared contract's events alone: the same generated JSON code on
// both sides, with nothing of the server or ASP.NET Core here. Exits 0 when every answer is right.
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Chat.Contracts;
using TypedSockets;

using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
using var socket = new ClientWebSocket();
// The server's http:// address, as ws:// with the path the contract names (/ws/chat by default).
await socket.ConnectAsync(new UriBuilder(args[0]) { Scheme = "ws", Path = "/ws/chat" }.Uri, timeout.Token);

var welcome = Data<Welcome>(await ReceiveAsync(), "welcome");
Console.WriteLine($"welcome {welcome.Id}, {welcome.Online} online");

await SendAsync($$"""{"event":"ping","data":{{SocketJson.SerializeToString(new Ping(7))}},"ref":"r1"}""");
using (var reply = JsonDocument.Parse(await ReceiveAsync()))
{
    var answer = reply.RootElement.GetProperty("data");
    var pong = Data<Pong>(answer.GetRawText(), "pong");
    if (reply.RootElement.GetProperty("ref").GetString() != "r1" || pong.Seq != 7)
    {
        throw new InvalidOperationException("wrong reply: " + reply.RootElement.GetRawText());
    }
    Console.WriteLine($"pong {pong.Seq}");
}

await SendAsync($$"""{"event":"say","data":{{SocketJson.SerializeToString(new Say("hi"))}},"ref":"r2"}""");
Console.WriteLine("say answered: " + await ReceiveAsync());
await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
return 0;

async Task SendAsync(string frame) =>
    await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, timeout.Token);

async Task<string> ReceiveAsync()
{
    var buffer = new byte[64 * 1024];
    var result = await socket.ReceiveAsync(buffer, timeout.Token);
    return Encoding.UTF8.GetString(buffer, 0, result.Count);
}

// {"event":name,"data":...} read with the contract's generated code.
static T Data<T>(string frame, string name) where T : ISocketEvent<T>
{
    using var document = JsonDocument.Parse(frame);
    var root = document.RootElement;
    if (root.GetProperty("event").GetString() != name)
    {
        throw new InvalidOperationException($"expected '{name}', got {frame}");
    }
    if (!SocketJson.TryDeserialize<T>(root.GetProperty("data").GetRawText(), out var value, out var error))
    {
        throw new InvalidOperationException($"'{name}' does not match the contract: {error}");
    }
    return value;
}
