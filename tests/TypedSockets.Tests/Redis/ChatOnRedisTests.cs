using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests.Redis;

/// <summary>
/// Two processes of the Chat sample (its Native AOT executable) on one redis-server
/// (<c>--ConnectionStrings:Redis</c>): clients on either server are in one chat, and after Redis
/// is killed and started again it is one chat again, by itself.
/// </summary>
public sealed class ChatOnRedisTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();

    public Task InitializeAsync() => _redis.InitializeAsync();

    public Task DisposeAsync() => _redis.DisposeAsync();

    [Fact]
    public async Task Two_Chat_servers_on_one_Redis_are_one_chat_and_become_one_again_after_Redis_restarts()
    {
        var redis = "--ConnectionStrings:Redis=" + _redis.Configuration;
        await using var first = await SampleServer.StartNativeAsync("Chat", redis);
        await using var second = await SampleServer.StartNativeAsync("Chat", redis);
        using var http = new HttpClient();
        foreach (var server in new[] { first, second })
        {
            await RedisCluster.WaitAsync(async () => await http.GetStringAsync(new Uri(server.Http, "/health")) == "Healthy", 30_000);
        }
        await using var alice = await TestClient.ConnectAsync(first.WebSocket("/ws/chat"));
        await using var bob = await TestClient.ConnectAsync(second.WebSocket("/ws/chat"));
        var aliceId = (await alice.ReceiveEventAsync("welcome")).Data().GetProperty("id").GetString();
        // Bob is told two are online: Alice on the other server counts.
        Assert.Equal(2, (await bob.ReceiveEventAsync("welcome")).Data().GetProperty("online").GetInt32());

        // Say reaches the other server (once the new endpoint's channel is subscribed there).
        await SayUntilHeardAsync(alice, bob, "hello from the first server");
        await bob.SendAsync("""{"event":"say","data":{"text":"hello back"}}""");
        var back = await alice.ReceiveEventAsync("said");
        Assert.Equal("hello back", back.Data().GetProperty("text").GetString());

        // Joined and left cross the servers too (both listen now: what Alice said reached Bob).
        var carolId = await ConnectAndLeaveAsync(second);
        Assert.Equal(carolId, (await alice.ReceiveEventAsync("joined")).Data().GetProperty("id").GetString());
        Assert.Equal(carolId, (await alice.ReceiveEventAsync("left")).Data().GetProperty("id").GetString());

        // Rooms span the servers.
        foreach (var client in new[] { alice, bob })
        {
            await client.SendAsync("""{"event":"join_room","data":{"room":"lobby"},"ref":"j"}""");
            await client.ReceiveEventAsync("reply");
        }
        await alice.SendAsync("""{"event":"room_say","data":{"room":"lobby","text":"to the lobby"},"ref":"r"}""");
        var roomSaid = await bob.ReceiveEventAsync("room_said");
        Assert.Equal("to the lobby", roomSaid.Data().GetProperty("text").GetString());
        Assert.Equal(aliceId, roomSaid.Data().GetProperty("from").GetString());

        // Redis dies and comes back: both servers stay up, and it is one chat again by itself.
        await _redis.StopAsync();
        await RedisCluster.WaitAsync(async () => await http.GetStringAsync(new Uri(first.Http, "/health")) == "Degraded");
        await _redis.StartAsync();
        foreach (var server in new[] { first, second })
        {
            await RedisCluster.WaitAsync(async () => await http.GetStringAsync(new Uri(server.Http, "/health")) == "Healthy", 60_000);
        }
        await SayUntilHeardAsync(alice, bob, "after the restart");
    }

    /// <summary>A third client comes to a server and goes; returns its id.</summary>
    private static async Task<string> ConnectAndLeaveAsync(SampleServer server)
    {
        await using var carol = await TestClient.ConnectAsync(server.WebSocket("/ws/chat"));
        var id = (await carol.ReceiveEventAsync("welcome")).Data().GetProperty("id").GetString()!;
        await carol.CloseAsync();
        return id;
    }

    /// <summary>
    /// Alice says something every 300 ms until Bob hears it: a server subscribes to the endpoint's
    /// channel in the background, and what is said before that reaches no one there.
    /// </summary>
    private static async Task SayUntilHeardAsync(TestClient alice, TestClient bob, string text)
    {
        var heard = ListenAsync(bob, text);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        for (var attempt = 0; !heard.IsCompleted; attempt++)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Bob never heard '{text}'.");
            await alice.SendAsync($$$"""{"event":"say","data":{"text":"{{{text}}} {{{attempt}}}"}}""");
            await Task.WhenAny(heard, Task.Delay(300));
        }
        await heard;
    }

    private static async Task ListenAsync(TestClient client, string text)
    {
        while (true)
        {
            var frame = await client.ReceiveTextAsync(TimeSpan.FromSeconds(60)) ?? throw new InvalidOperationException("The connection closed.");
            if (frame.Contains(text, StringComparison.Ordinal))
            {
                return;
            }
        }
    }
}
