using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TypedSockets.Client;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests.Client;

/// <summary>A server that breaks the protocol and the contract: the typed client logs, counts and skips, and stays connected.</summary>
public sealed class HostileServerTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private SocketServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await SocketServer.StartAsync(_ => { }, app => app.Map("/ws/hostile", HostileAsync));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Sends garbage, then a valid event; answers the client's first request with the wrong event, and its second with garbage data.</summary>
    private static async Task HostileAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        string[] garbage =
        [
            "not json at all",
            "[1,2,3]",
            """{"data":{"n":1}}""",
            """{"event":"nope","data":{}}""",
            """{"event":"cl_seq","data":{"n":"not a number"}}""",
            """{"event":"cl_seq"}""",
            """{"event":"error","data":{"no":"code"}}""",
            """{"event":"reply","ref":"someone else's","data":null}""",
            """{"event":"cl_seq","data":{"n":1}} trailing""",
        ];
        foreach (var frame in garbage)
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, default);
        }
        await socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, default);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"event\":\"cl_seq\",\"data\":{\"n\":\"" + new string('x', 4000) + "\"}}"), WebSocketMessageType.Text, true, default);
        // A late answer to a request that no longer waits is not the server's fault: not counted.
        await socket.SendAsync("""{"event":"reply","ref":987654,"data":null}"""u8.ToArray(), WebSocketMessageType.Text, true, default);
        await socket.SendAsync("""{"event":"cl_seq","data":{"n":42}}"""u8.ToArray(), WebSocketMessageType.Text, true, default);

        var buffer = new byte[4096];
        var answered = 0;
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, default);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, default);
                return;
            }
            var request = Encoding.UTF8.GetString(buffer, 0, result.Count);
            var @ref = System.Text.Json.JsonDocument.Parse(request).RootElement.GetProperty("ref").GetRawText();
            var answer = answered++ == 0
                ? """{"event":"reply","ref":REF,"data":{"event":"cl_noted","data":{"text":"t","from":"f"}}}""".Replace("REF", @ref, StringComparison.Ordinal)
                : """{"event":"reply","ref":REF,"data":{"event":"cl_echoed","data":{"text":7}}}""".Replace("REF", @ref, StringComparison.Ordinal);
            await socket.SendAsync(Encoding.UTF8.GetBytes(answer), WebSocketMessageType.Text, true, default);
        }
    }

    [Fact]
    public async Task Garbage_from_the_server_is_counted_and_skipped_and_the_connection_stays()
    {
        var logs = new ListLoggerProvider();
        using var factory = Microsoft.Extensions.Logging.LoggerFactory.Create(builder => builder.AddProvider(logs));
        await using var client = new ClientTestClient(new SocketClientOptions { MaxMessageSize = 1024, LoggerFactory = factory });
        var valid = new TaskCompletionSource<Seq>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.OnSeq(seq => valid.TrySetResult(seq));

        await client.ConnectAsync(new Uri(_server.WebSocketUri("/ws/hostile").ToString()));

        Assert.Equal(42, (await valid.Task.WaitAsync(Wait)).N);
        Assert.Equal(11, client.RejectedFrames);
        Assert.Equal(SocketClientState.Connected, client.State);
        Assert.Contains(ListLoggerProvider.Entries, e => e.Message.Contains("'nope', which the contract does not send", StringComparison.Ordinal));

        // A reply of the wrong event, then of the wrong shape, fails the request, not the client.
        var wrongEvent = await Assert.ThrowsAsync<SocketProtocolException>(() => client.EchoAsync(new Echo("a")));
        Assert.Contains("'cl_noted' where 'cl_echoed' was due", wrongEvent.Message, StringComparison.Ordinal);
        var wrongShape = await Assert.ThrowsAsync<SocketProtocolException>(() => client.EchoAsync(new Echo("b")));
        Assert.Contains("does not match", wrongShape.Message, StringComparison.Ordinal);
        Assert.Equal(13, client.RejectedFrames);
        Assert.Equal(SocketClientState.Connected, client.State);
    }
}
