// Talks to the server through ChatClient, the typed client the generator writes from the shared
// contract: nothing of the server or ASP.NET Core here. Exits 0 when every answer is right.
using Chat.Contracts;

using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
await using var client = new ChatClient();
var welcomed = new TaskCompletionSource<Welcome>(TaskCreationOptions.RunContinuationsAsynchronously);
client.OnWelcome(welcome => welcomed.TrySetResult(welcome));

// The server's http:// address: the client speaks ws:// and adds the path the contract names.
await client.ConnectAsync(new Uri(args[0]), timeout.Token);
var welcome = await welcomed.Task.WaitAsync(timeout.Token);
Console.WriteLine($"welcome {welcome.Id}, {welcome.Online} online");

var pong = await client.PingAsync(new Ping(7), timeout.Token);
if (pong.Seq != 7)
{
    throw new InvalidOperationException($"wrong reply: pong {pong.Seq}");
}
Console.WriteLine($"pong {pong.Seq}");

await client.SayAsync(new Say("hi"), timeout.Token);
Console.WriteLine("say answered");
await client.CloseAsync(cancellationToken: timeout.Token);
return 0;
