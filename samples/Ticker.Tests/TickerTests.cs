using TypedSockets;
using TypedSockets.Testing;

namespace Ticker.Tests;

/// <summary>
/// The Ticker sample in memory. Its price feed runs on the app's <see cref="TimeProvider"/>, which
/// the harness replaces with a fake clock: each advance of 100 ms is exactly one tick, so the
/// tests need no sleeping and no tolerance for a busy machine.
/// </summary>
public sealed class TickerTests : IAsyncLifetime
{
    private SocketTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await SocketTestHost.StartAsync(TickerApp.ConfigureServices, TickerApp.Configure);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_client_is_told_the_symbols_and_gets_no_ticks_before_it_subscribes()
    {
        await using var client = await _host.ConnectAsync<TickerClient>();

        var symbols = await client.ExpectAsync<Symbols>();
        _host.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["ACME", "GLOBEX", "INITECH", "UMBRELLA"], symbols.Available);
        await client.ExpectNothingAsync<Tick>();
    }

    [Fact]
    public async Task A_subscriber_gets_one_tick_of_its_symbols_only_every_100_ms()
    {
        await using var client = await _host.ConnectAsync<TickerClient>();
        await client.Client.SubscribeAsync(new Subscribe("ACME"));
        var start = _host.Time.GetUtcNow();

        var ticks = new List<Tick>();
        for (var i = 1; i <= 5; i++)
        {
            _host.Time.Advance(PriceFeed.Interval);
            ticks.Add(await client.ExpectAsync<Tick>());
        }

        Assert.All(ticks, tick => Assert.Equal("ACME", tick.Symbol));
        Assert.All(ticks, tick => Assert.True(tick.Price > 0));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => start + (PriceFeed.Interval * i)), ticks.Select(t => t.Time));
        await client.ExpectNothingAsync<Tick>();
    }

    [Fact]
    public async Task After_unsubscribe_the_ticks_stop()
    {
        await using var client = await _host.ConnectAsync<TickerClient>();
        await client.Client.SubscribeAsync(new Subscribe("GLOBEX"));
        _host.Time.Advance(PriceFeed.Interval);
        await client.ExpectAsync<Tick>();

        await client.Client.UnsubscribeAsync(new Unsubscribe("GLOBEX"));
        for (var i = 0; i < 10; i++)
        {
            _host.Time.Advance(PriceFeed.Interval);
        }

        await client.ExpectNothingAsync<Tick>();
    }

    [Fact]
    public async Task An_unknown_symbol_is_refused()
    {
        await using var client = await _host.ConnectAsync<TickerClient>();

        var refusal = await Assert.ThrowsAsync<SocketErrorException>(() => client.Client.SubscribeAsync(new Subscribe("NOPE")));

        Assert.Equal("unknown_symbol", refusal.Code);
    }
}
