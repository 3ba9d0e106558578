using System.Net.WebSockets;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests;

public sealed class TickerSampleTests() : TickerSampleBehaviour(SampleHosting.InProcess);

public sealed class TickerSampleNativeTests() : TickerSampleBehaviour(SampleHosting.Native);

/// <summary>The Ticker sample: a background service broadcasting to groups that clients subscribe to.</summary>
public abstract class TickerSampleBehaviour(SampleHosting hosting) : IAsyncLifetime
{
    private SampleServer _server = null!;

    public async Task InitializeAsync() => _server = await SampleServer.StartAsync("Ticker", hosting, Ticker.TickerApp.Build);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_client_is_told_the_symbols_and_gets_no_ticks_before_it_subscribes()
    {
        await using var client = await TestClient.ConnectAsync(_server.WebSocket("/ws/ticker"));

        var symbols = await client.ReceiveEventAsync("symbols");

        Assert.Equal(["ACME", "GLOBEX", "INITECH", "UMBRELLA"], symbols.Data().GetProperty("available").EnumerateArray().Select(s => s.GetString()));
        await client.AssertQuietAsync(milliseconds: 400);
    }

    [Fact]
    public async Task A_subscriber_gets_ticks_of_its_symbols_only_about_every_100_ms()
    {
        await using var client = await TestClient.ConnectAsync(_server.WebSocket("/ws/ticker"));
        await client.ReceiveEventAsync("symbols");

        await client.SendAsync("""{"event":"subscribe","data":{"symbol":"ACME"},"ref":1}""");
        await client.ReceiveEventAsync("reply");

        var ticks = new List<(decimal Price, DateTimeOffset Time)>();
        while (ticks.Count < 5)
        {
            var data = (await client.ReceiveEventAsync("tick")).Data();
            Assert.Equal("ACME", data.GetProperty("symbol").GetString());
            ticks.Add((data.GetProperty("price").GetDecimal(), data.GetProperty("time").GetDateTimeOffset()));
        }
        Assert.All(ticks, t => Assert.True(t.Price > 0));
        Assert.All(ticks.Zip(ticks.Skip(1)), pair => Assert.True(pair.First.Time < pair.Second.Time));
        // A late timer tick is not made up twice, so four intervals span at least three periods, even on a busy machine.
        Assert.InRange(ticks[^1].Time - ticks[0].Time, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task After_unsubscribe_the_ticks_stop()
    {
        await using var client = await TestClient.ConnectAsync(_server.WebSocket("/ws/ticker"));
        await client.ReceiveEventAsync("symbols");
        await client.SendAsync("""{"event":"subscribe","data":{"symbol":"GLOBEX"},"ref":1}""");
        await client.ReceiveEventAsync("tick");

        await client.SendAsync("""{"event":"unsubscribe","data":{"symbol":"GLOBEX"},"ref":2}""");
        // Ticks broadcast before the leave may still be on their way; the reply comes after them.
        while ((await client.ReceiveAsync()).Event() != "reply")
        {
        }

        await client.AssertQuietAsync(milliseconds: 400);
    }

    [Fact]
    public async Task An_unknown_symbol_is_refused()
    {
        await using var client = await TestClient.ConnectAsync(_server.WebSocket("/ws/ticker"));
        await client.ReceiveEventAsync("symbols");

        await client.SendAsync("""{"event":"subscribe","data":{"symbol":"NOPE"},"ref":"x"}""");

        var error = await client.ReceiveEventAsync("error");
        Assert.Equal("unknown_symbol", error.Data().GetProperty("code").GetString());
        Assert.Equal("\"x\"", error.GetProperty("ref").Raw());
    }

    [Fact]
    public async Task Stopping_the_server_closes_subscribers_with_1001()
    {
        var client = await TestClient.ConnectAsync(_server.WebSocket("/ws/ticker"));
        await using var _ = client;
        await client.ReceiveEventAsync("symbols");
        await client.SendAsync("""{"event":"subscribe","data":{"symbol":"INITECH"},"ref":1}""");
        await client.ReceiveEventAsync("tick");

        var closed = client.DrainUntilCloseAsync(TimeSpan.FromSeconds(10));
        await _server.DisposeAsync();

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await closed);
    }
}
