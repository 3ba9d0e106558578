using System.Diagnostics;
using Chat;
using TypedSockets;
using TypedSockets.Client;

// ChatClient [url]: chats with samples/Chat from the terminal. Each line read is said to everyone;
// /join room, /leave room, /room room text and /ping do what they say. The end of input closes.
var uri = new Uri(args.Length > 0 ? args[0] : "ws://localhost:5000/ws/chat");

await using var client = new ChatClient();
var rooms = new HashSet<string>(StringComparer.Ordinal);

// Handlers first, then connect, so the welcome is not missed.
client.OnWelcome(welcome => Console.WriteLine($"* connected as {welcome.Id}, {welcome.Online} online"));
client.OnJoined(joined => Console.WriteLine($"* {joined.Id} joined"));
client.OnLeft(left => Console.WriteLine($"* {left.Id} left"));
client.OnSaid(said => Console.WriteLine($"{said.From}: {said.Text}"));
client.OnRoomSaid(said => Console.WriteLine($"[{said.Room}] {said.From}: {said.Text}"));
client.ErrorReceived += (_, error) => Console.Error.WriteLine($"! {error.Code}: {error.Message}");
client.StateChanged += (_, change) =>
{
    if (change.Current == SocketClientState.Reconnecting)
    {
        Console.Error.WriteLine($"* connection lost ({change.CloseStatus?.ToString() ?? change.Error?.Message ?? "no reason"}); reconnecting");
    }
    else if (change is { Current: SocketClientState.Disconnected, Previous: SocketClientState.Reconnecting })
    {
        Console.Error.WriteLine("* gave up reconnecting");
    }
};
// The server forgets a lost connection's rooms: join them again on the new one.
client.OnReconnected(async cancellationToken =>
{
    foreach (var room in rooms.ToArray())
    {
        await client.JoinRoomAsync(new JoinRoom(room), cancellationToken);
    }
    Console.Error.WriteLine("* reconnected");
});

try
{
    await client.ConnectAsync(uri);
}
catch (SocketConnectException exception)
{
    Console.Error.WriteLine($"! {exception.Message}");
    return 1;
}

var seq = 0;
while (await Console.In.ReadLineAsync() is { } line)
{
    if (line.Length == 0)
    {
        continue;
    }
    try
    {
        var (command, rest) = Split(line);
        switch (command)
        {
            case "/join" when rest.Length > 0:
                await client.JoinRoomAsync(new JoinRoom(rest));
                rooms.Add(rest);
                Console.WriteLine($"* in room {rest}");
                break;
            case "/leave" when rest.Length > 0:
                await client.LeaveRoomAsync(new LeaveRoom(rest));
                rooms.Remove(rest);
                Console.WriteLine($"* left room {rest}");
                break;
            case "/room" when Split(rest) is ({ Length: > 0 } room, { Length: > 0 } text):
                await client.RoomSayAsync(new RoomSay(room, text));
                break;
            case "/ping":
                var started = Stopwatch.GetTimestamp();
                var pong = await client.PingAsync(new Ping(++seq));
                Console.WriteLine($"pong {pong.Seq} in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0} ms");
                break;
            case ['/', ..]:
                Console.Error.WriteLine("! commands: /join room, /leave room, /room room text, /ping");
                break;
            default:
                await client.SayAsync(new Say(line));
                break;
        }
    }
    catch (SocketErrorException exception)
    {
        Console.Error.WriteLine($"! {exception.Code}: {exception.Message}");
    }
    catch (Exception exception) when (exception is SocketDisconnectedException or SocketRequestTimeoutException)
    {
        Console.Error.WriteLine($"! {exception.Message}");
    }
}

await client.CloseAsync();
return 0;

static (string Head, string Tail) Split(string text)
{
    var space = text.IndexOf(' ', StringComparison.Ordinal);
    return space < 0 ? (text, "") : (text[..space], text[(space + 1)..].Trim());
}
