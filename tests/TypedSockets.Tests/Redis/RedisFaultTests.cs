using Microsoft.Extensions.Diagnostics.HealthChecks;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests.Redis;

/// <summary>
/// What the Redis bus does when things break: Redis killed and started again in the middle of
/// traffic, a subscription that dies silently, a server that goes away. Each test has its own
/// redis-server, since they stop it.
/// </summary>
public sealed class RedisFaultTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();

    public Task InitializeAsync() => _redis.InitializeAsync();

    public Task DisposeAsync() => _redis.DisposeAsync();

    [Fact]
    public async Task Without_Redis_local_delivery_goes_on_cross_server_delivery_is_dropped_and_counted_and_it_resumes_by_itself()
    {
        await using var cluster = await RedisCluster.StartAsync(_redis);
        var (a, _) = await cluster.ConnectAsync(0);
        var (a2, _) = await cluster.ConnectAsync(0);
        var (b, _) = await cluster.ConnectAsync(1);

        await _redis.StopAsync();
        await RedisCluster.WaitAsync(async () => await RedisCluster.HealthAsync(cluster[0]) == HealthStatus.Degraded);

        // The server keeps serving its own clients; what should cross is dropped and counted.
        await a.SendAsync("""{"event":"sc_all","data":{"text":"during the outage"}}""");
        Assert.Equal("during the outage", (await a2.ReceiveEventAsync("sc_said")).Data().GetProperty("text").GetString());
        Assert.True(RedisCluster.Bus(cluster[0]).Dropped > 0);
        await a.SendAsync("""{"event":"sc_all","data":{"text":"again"}}""");
        await a2.ReceiveEventAsync("sc_said");
        // One line for the outage, not one per message.
        var outage = cluster.Log(0).Where(line => line.StartsWith("TypedSockets Redis bus: Redis is unreachable", StringComparison.Ordinal)).ToArray();
        Assert.True(outage.Length == 1, string.Join("\n", outage));

        await _redis.StartAsync();
        await cluster.WaitHealthyAsync(60_000);
        await cluster.WaitSubscribedAsync();

        // Cross-server delivery resumes without anyone's help; what was dropped never arrives.
        await a.SendAsync("""{"event":"sc_all","data":{"text":"back"}}""");
        var next = await b.ReceiveAsync();
        Assert.Equal("back", next.Data().GetProperty("text").GetString());
        Assert.Contains(cluster.Log(0), line => line.Contains("Redis is back after", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Servers_that_start_without_Redis_serve_their_own_clients_and_join_up_when_it_comes()
    {
        await _redis.StopAsync();
        await using var cluster = await RedisCluster.StartAsync(_redis, waitHealthy: false);
        Assert.Equal(HealthStatus.Degraded, await RedisCluster.HealthAsync(cluster[0]));
        await using var a = await cluster[0].ConnectAsync("/ws/scale");
        await using var a2 = await cluster[0].ConnectAsync("/ws/scale");
        await using var b = await cluster[1].ConnectAsync("/ws/scale");
        await a.SendAsync("""{"event":"sc_all","data":{"text":"alone"}}""");
        Assert.Equal("alone", (await a2.ReceiveEventAsync("sc_said")).Data().GetProperty("text").GetString());

        await _redis.StartAsync();
        await cluster.WaitHealthyAsync(60_000);

        await a.SendAsync("""{"event":"sc_all","data":{"text":"together"}}""");
        var next = await b.ReceiveAsync();
        Assert.Equal("together", next.Data().GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_subscription_that_dies_silently_is_noticed_and_renewed()
    {
        await using var cluster = await RedisCluster.StartAsync(_redis);
        var (a, _) = await cluster.ConnectAsync(0);
        var (b, _) = await cluster.ConnectAsync(1);

        await RedisCluster.Bus(cluster[1]).KillSubscriptionsAsync();

        await RedisCluster.WaitAsync(() => Task.FromResult(cluster.Log(1).Any(line => line.Contains("carried no heartbeat", StringComparison.Ordinal))));
        await cluster.WaitHealthyAsync();
        await a.SendAsync("""{"event":"sc_all","data":{"text":"heard again"}}""");
        Assert.Equal("heard again", (await b.ReceiveEventAsync("sc_said")).Data().GetProperty("text").GetString());
    }

    [Fact]
    public async Task When_a_server_goes_away_the_others_serve_on_and_a_group_change_for_its_client_times_out()
    {
        await using var cluster = await RedisCluster.StartAsync(_redis, nodes: 3, configure: o => o.AckTimeout = TimeSpan.FromMilliseconds(500));
        var (a, _) = await cluster.ConnectAsync(0);
        var (b, _) = await cluster.ConnectAsync(1);
        var (gone, goneId) = await cluster.ConnectAsync(2);

        await cluster[2].App.StopAsync();

        await a.SendAsync("""{"event":"sc_all","data":{"text":"still here"}}""");
        Assert.Equal("still here", (await b.ReceiveEventAsync("sc_said")).Data().GetProperty("text").GetString());
        await a.SendAsync($$$"""{"event":"sc_add","data":{"clientId":"{{{goneId}}}","room":"r"},"ref":"add"}""");
        Assert.Equal("handler_failed", (await a.ReceiveEventAsync("error")).Data().GetProperty("code").GetString());
    }
}
