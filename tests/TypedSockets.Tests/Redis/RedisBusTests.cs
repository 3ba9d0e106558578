using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TypedSockets.Redis;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests.Redis;

/// <summary>
/// Every operation of an endpoint across servers on one real redis-server: real Kestrel servers,
/// real WebSocket clients, each server with its own Redis bus.
/// </summary>
public sealed class RedisBusTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task Broadcast_and_BroadcastFrom_reach_the_clients_of_every_server()
    {
        await using var cluster = await RedisCluster.StartAsync(redis);
        var (a, aId) = await cluster.ConnectAsync(0);
        var (b, _) = await cluster.ConnectAsync(1);
        var (c, _) = await cluster.ConnectAsync(1);

        await a.SendAsync("""{"event":"sc_all","data":{"text":"to all"}}""");
        foreach (var client in new[] { a, b, c })
        {
            var said = await client.ReceiveEventAsync("sc_said");
            Assert.Equal("to all", said.Data().GetProperty("text").GetString());
            Assert.Equal(aId, said.Data().GetProperty("from").GetString());
        }

        await b.SendAsync("""{"event":"sc_from","data":{"text":"not to b"}}""");
        Assert.Equal("not to b", (await a.ReceiveEventAsync("sc_said")).Data().GetProperty("text").GetString());
        Assert.Equal("not to b", (await c.ReceiveEventAsync("sc_said")).Data().GetProperty("text").GetString());
        await b.AssertQuietAsync();
    }

    [Fact]
    public async Task A_group_spans_servers_and_BroadcastToGroupFrom_skips_only_the_sender()
    {
        await using var cluster = await RedisCluster.StartAsync(redis);
        var (a, _) = await cluster.ConnectAsync(0);
        var (b, _) = await cluster.ConnectAsync(1);
        var (c, _) = await cluster.ConnectAsync(1);
        var (d, _) = await cluster.ConnectAsync(0);
        foreach (var member in new[] { b, d })
        {
            await member.SendAsync("""{"event":"sc_join","data":{"room":"r"},"ref":"j"}""");
            await member.ReceiveEventAsync("reply");
        }

        // a is not in the room: the room hears it on both servers, c does not.
        await a.SendAsync("""{"event":"sc_room","data":{"room":"r","text":"to the room"}}""");
        Assert.Equal("to the room", (await b.ReceiveEventAsync("sc_said")).Data().GetProperty("text").GetString());
        Assert.Equal("to the room", (await d.ReceiveEventAsync("sc_said")).Data().GetProperty("text").GetString());

        await b.SendAsync("""{"event":"sc_room_from","data":{"room":"r","text":"from b"}}""");
        Assert.Equal("from b", (await d.ReceiveEventAsync("sc_said")).Data().GetProperty("text").GetString());
        await b.AssertQuietAsync();
        await c.AssertQuietAsync();
        await a.AssertQuietAsync();
    }

    [Fact]
    public async Task SendTo_an_id_reaches_a_client_on_another_server()
    {
        await using var cluster = await RedisCluster.StartAsync(redis);
        var (a, aId) = await cluster.ConnectAsync(0);
        var (b, bId) = await cluster.ConnectAsync(1);
        var (c, _) = await cluster.ConnectAsync(1);

        await a.SendAsync($$$"""{"event":"sc_to","data":{"clientId":"{{{bId}}}","text":"just b"}}""");

        var said = await b.ReceiveEventAsync("sc_said");
        Assert.Equal("just b", said.Data().GetProperty("text").GetString());
        Assert.Equal(aId, said.Data().GetProperty("from").GetString());
        await c.AssertQuietAsync();
        await a.AssertQuietAsync();
    }

    [Fact]
    public async Task A_group_change_for_a_client_on_another_server_is_applied_there_and_acknowledged()
    {
        await using var cluster = await RedisCluster.StartAsync(redis);
        var (a, _) = await cluster.ConnectAsync(0);
        var (b, bId) = await cluster.ConnectAsync(1);

        // The reply comes once b's server has added it and answered.
        await a.SendAsync($$$"""{"event":"sc_add","data":{"clientId":"{{{bId}}}","room":"vip"},"ref":"add"}""");
        var added = await a.ReceiveEventAsync("reply");
        Assert.Equal("add", added.GetProperty("ref").GetString());
        await a.SendAsync("""{"event":"sc_room","data":{"room":"vip","text":"welcome to vip"}}""");
        Assert.Equal("welcome to vip", (await b.ReceiveEventAsync("sc_said")).Data().GetProperty("text").GetString());

        await a.SendAsync($$$"""{"event":"sc_remove","data":{"clientId":"{{{bId}}}","room":"vip"},"ref":"remove"}""");
        await a.ReceiveEventAsync("reply");
        await a.SendAsync("""{"event":"sc_room","data":{"room":"vip","text":"gone"}}""");
        await b.AssertQuietAsync();
    }

    [Fact]
    public async Task A_group_change_for_a_client_no_server_has_times_out_with_a_clear_error()
    {
        await using var cluster = await RedisCluster.StartAsync(redis, configure: o => o.AckTimeout = TimeSpan.FromMilliseconds(300));
        var (a, _) = await cluster.ConnectAsync(0);

        await a.SendAsync("""{"event":"sc_add","data":{"clientId":"nobody","room":"vip"},"ref":"add"}""");

        var error = await a.ReceiveEventAsync("error");
        Assert.Equal("handler_failed", error.Data().GetProperty("code").GetString());
        Assert.Contains(cluster.Log(0), line => line.Contains("no server has that client", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stop_closes_the_endpoints_clients_on_every_server()
    {
        await using var cluster = await RedisCluster.StartAsync(redis);
        var (a, _) = await cluster.ConnectAsync(0);
        var (b, _) = await cluster.ConnectAsync(1);

        await a.SendAsync("""{"event":"sc_stop","data":{}}""");

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await a.DrainUntilCloseAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await b.DrainUntilCloseAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task CountClientsAsync_counts_the_clients_of_every_server_and_forgets_those_that_left()
    {
        await using var cluster = await RedisCluster.StartAsync(redis);
        var (a, _) = await cluster.ConnectAsync(0);
        var (b, _) = await cluster.ConnectAsync(1);
        var (c, _) = await cluster.ConnectAsync(1);

        Assert.Equal((3, 1), await CountAsync(a));
        Assert.Equal((3, 2), await CountAsync(b));

        await c.CloseAsync();
        await c.DisposeAsync();
        await RedisCluster.WaitAsync(async () => await CountAsync(a) == (2, 1));
    }

    private static async Task<(int Clients, int Here)> CountAsync(TestClient client)
    {
        await client.SendAsync("""{"event":"sc_count","data":{},"ref":"n"}""");
        var counted = (await client.ReceiveEventAsync("reply")).Data().GetProperty("data");
        return (counted.GetProperty("clients").GetInt32(), counted.GetProperty("here").GetInt32());
    }

    [Fact]
    public async Task One_publishers_events_arrive_in_order_on_another_server_with_one_publish_each()
    {
        await using var cluster = await RedisCluster.StartAsync(redis);
        var (a, _) = await cluster.ConnectAsync(0);
        var (b, _) = await cluster.ConnectAsync(1);
        var published = RedisCluster.Bus(cluster[0]).Published;

        await a.SendAsync("""{"event":"sc_burst","data":{"count":500}}""");

        for (var i = 0; i < 500; i++)
        {
            Assert.Equal(i, (await b.ReceiveEventAsync("sc_seq")).Data().GetProperty("n").GetInt32());
        }
        Assert.Equal(500, RedisCluster.Bus(cluster[0]).Published - published);
    }

    [Fact]
    public async Task Two_apps_on_one_Redis_never_see_each_others_traffic()
    {
        await using var first = await RedisCluster.StartAsync(redis, prefix: "app-one-" + Guid.NewGuid().ToString("N")[..6]);
        await using var second = await RedisCluster.StartAsync(redis, prefix: "app-two-" + Guid.NewGuid().ToString("N")[..6]);
        var (a, _) = await first.ConnectAsync(0);
        var (b, _) = await first.ConnectAsync(1);
        var (x, _) = await second.ConnectAsync(1);

        await a.SendAsync("""{"event":"sc_all","data":{"text":"app one only"}}""");

        Assert.Equal("app one only", (await b.ReceiveEventAsync("sc_said")).Data().GetProperty("text").GetString());
        await x.AssertQuietAsync();
        Assert.Equal(0, RedisCluster.Bus(second[1]).Received);
    }

    [Fact]
    public async Task Garbage_on_the_channel_is_dropped_and_counted_and_reaches_no_client()
    {
        const string Prefix = "garbage-test";
        await using var cluster = await RedisCluster.StartAsync(redis, prefix: Prefix + Guid.NewGuid().ToString("N")[..6]);
        var (a, _) = await cluster.ConnectAsync(0);
        var (b, _) = await cluster.ConnectAsync(1);
        var prefix = cluster[1].Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TypedSockets.Redis.TypedSocketsRedisOptions>>().Value.ChannelPrefix;
        var channel = RedisChannel.Literal($"{prefix}:ts:e:scale");
        await using var foreign = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var envelope = Envelope.ForMessage(Guid.NewGuid(), new TypedSockets.Bus.SocketBusMessage("scale", TypedSockets.Bus.SocketBusTarget.All, null, null, null, "{\"event\":\"sc_said\",\"data\":{\"from\":\"x\",\"text\":\"truncated\"}}"u8.ToArray())).ToBytes();

        await foreign.GetSubscriber().PublishAsync(channel, "{\"event\":\"sc_said\",\"data\":{\"from\":\"x\",\"text\":\"foreign\"}}");
        await foreign.GetSubscriber().PublishAsync(channel, envelope[..^5]);
        await foreign.GetSubscriber().PublishAsync(channel, new byte[] { (byte)'T', (byte)'S', (byte)'B', 9, 1 });
        await RedisCluster.WaitAsync(() => Task.FromResult(RedisCluster.Bus(cluster[1]).Rejected >= 3));

        // None of it reached b: the next frame it gets is the next real broadcast, and the servers go on.
        await a.SendAsync("""{"event":"sc_all","data":{"text":"still fine"}}""");
        var next = await b.ReceiveAsync();
        Assert.Equal("sc_said", next.Event());
        Assert.Equal("still fine", next.Data().GetProperty("text").GetString());
        Assert.Contains(cluster.Log(1), line => line.Contains("not a TypedSockets envelope", StringComparison.Ordinal));
    }
}
