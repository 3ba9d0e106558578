using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests.Abuse;

/// <summary>
/// Failures stay with the client they belong to: a throwing handler, a connection that dies while
/// the server writes to it, a client that sends garbage. The others never notice.
/// </summary>
public sealed class FailureTests : IAsyncLifetime
{
    private const string Path = "/ws/abuse";
    private SocketServer _server = null!;

    private AbuseEndpoint Endpoint => _server.Services.GetRequiredService<AbuseEndpoint>();

    private CapturedLog Log => _server.Services.GetRequiredService<CapturedLog>();

    public async Task InitializeAsync() => _server = await AbuseServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_throwing_handler_answers_handler_failed_to_its_client_only_logs_the_exception_and_keeps_the_connection()
    {
        await using var failing = await _server.ConnectAsync(Path);
        await using var other = await _server.ConnectAsync(Path);
        await SocketServer.WaitUntilAsync(() => Endpoint.Clients.Count == 2);

        await failing.SendAsync("""{"event":"boom","data":{"why":"the detail"},"ref":"b"}""");

        Assert.Equal(
            """{"event":"error","ref":"b","data":{"code":"handler_failed","message":"The handler for \u0027boom\u0027 failed."}}""",
            (await failing.ReceiveAsync()).Raw());
        var logged = Assert.Single(Log.Entries, e => e.Exception is InvalidOperationException { Message: "the detail" });
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Contains("boom", logged.Message, StringComparison.Ordinal);
        await AssertStillServesAsync(failing);
        await AssertStillServesAsync(other);
        await other.AssertQuietAsync();
    }

    [Fact]
    public async Task A_connection_reset_while_the_server_sends_to_it_ends_alone_and_quietly()
    {
        // Abort, not close: the TCP connection is reset under the server's send loop.
        using var dying = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await dying.ConnectAsync(_server.WebSocketUri(Path), timeout.Token);
        await using var other = await _server.ConnectAsync(Path);
        await SocketServer.WaitUntilAsync(() => Endpoint.Clients.Count == 2);
        const int Count = 100;
        var payload = new string('a', 16_000);

        for (var i = 0; i < Count; i++)
        {
            if (i == Count / 4)
            {
                dying.Abort();
            }
            await Endpoint.Broadcast(new Observed($"{i}:{payload}"));
        }

        for (var i = 0; i < Count; i++)
        {
            Assert.Equal($"{i}:{payload}", (await other.ReceiveAsync()).Data().GetProperty("note").GetString());
        }
        await SocketServer.WaitUntilAsync(() => Endpoint.Clients.Count == 1);
        Assert.DoesNotContain(Log.Entries, e => e.Level >= LogLevel.Error);
        await AssertStillServesAsync(other);
        await using var newcomer = await _server.ConnectAsync(Path);
        await AssertStillServesAsync(newcomer);
    }

    [Fact]
    public async Task Random_invalid_frames_from_one_client_never_produce_a_frame_at_another()
    {
        await using var garbler = await _server.ConnectAsync(Path);
        await using var bystander = await _server.ConnectAsync(Path);
        await SocketServer.WaitUntilAsync(() => Endpoint.Clients.Count == 2);
        var random = new Random(6);

        // Under the default rate limit's burst of 100, so every one of them is answered with an error.
        for (var i = 0; i < 80; i++)
        {
            var frame = Garbage(random, i);
            await garbler.SendAsync(frame);
            var answer = await garbler.ReceiveAsync();
            Assert.True(answer.Event() == "error", $"'{frame}' was answered with {answer.Raw()}");
        }
        await garbler.SendBytesAsync([0xC3, 0x28]);
        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, await garbler.ExpectCloseAsync());

        // The first frame the bystander gets is the answer to its own request.
        await bystander.SendAsync("""{"event":"echo","data":{"text":"first"},"ref":"mine"}""");
        var reply = await bystander.ReceiveAsync();
        Assert.Equal("reply", reply.Event());
        Assert.Equal("\"mine\"", reply.GetProperty("ref").Raw());
        await bystander.AssertQuietAsync();
    }

    /// <summary>A frame, valid UTF-8, that the endpoint cannot handle: broken JSON, an unknown event, data of the wrong shape, a throwing handler.</summary>
    private static string Garbage(Random random, int i)
    {
        const string Alphabet = "{}[]\":,\\ abcdeventdataref0123456789-.étrue";
        var noise = new StringBuilder();
        for (var n = random.Next(1, 60); n > 0; n--)
        {
            noise.Append(Alphabet[random.Next(Alphabet.Length)]);
        }
        return (i % 6) switch
        {
            0 => noise.ToString(),
            1 => "{\"event\":" + noise + "}",
            2 => $$"""{"event":"nope{{random.Next()}}","data":{},"ref":{{i}}}""",
            3 => $$"""{"event":"echo","data":{"text":{{random.Next()}}},"ref":{{i}}}""",
            4 => $$$"""{"event":"echo","data":{"text":"x"},"ref":{"r":{{{i}}}}}""",
            _ => $$"""{"event":"boom","data":{"why":"garbage {{i}}"},"ref":{{i}}}""",
        };
    }

    private static async Task AssertStillServesAsync(TestClient client)
    {
        await client.SendAsync("""{"event":"echo","data":{"text":"still here"},"ref":"alive"}""");
        var reply = await client.ReceiveEventAsync("reply");
        Assert.Equal("\"alive\"", reply.GetProperty("ref").Raw());
    }
}
