using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests.Abuse;

/// <summary>The <c>TypedSockets</c> meter counts what operators need to see abuse and its handling.</summary>
[Collection(SerialCollection.Name)]
public sealed class MetricsTests : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new();

    public MetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "TypedSockets")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name;
            foreach (var tag in tags)
            {
                if (tag.Key is "typedsockets.endpoint" && tag.Value as string != "abuse-metrics")
                {
                    return;
                }
                if (tag.Key is "typedsockets.error.code" or "typedsockets.reason")
                {
                    key += "/" + tag.Value;
                }
            }
            _totals.AddOrUpdate(key, value, (_, total) => total + value);
        });
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Connections_messages_frames_bytes_errors_evictions_and_refusals_are_counted()
    {
        await using var server = await SocketServer.StartAsync(o =>
        {
            o.MaxConnections = 2;
            o.RateLimit = new() { TokenLimit = 1, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromHours(1) };
            o.MaxRateLimitedMessages = 2;
        });
        var endpoint = server.Services.GetRequiredService<MetricsEndpoint>();
        await using var client = await server.ConnectAsync("/ws/abuse-metrics");
        await SocketServer.WaitUntilAsync(() => endpoint.Clients.Count == 1);

        await client.SendAsync("""{"event":"nope","ref":1}""");
        Assert.Equal("unknown_event", (await client.ReceiveEventAsync("error")).Data().GetProperty("code").GetString());
        await client.SendAsync("""{"event":"nope","ref":2}""");
        Assert.Equal("rate_limited", (await client.ReceiveEventAsync("error")).Data().GetProperty("code").GetString());

        await using var second = await server.ConnectAsync("/ws/abuse-metrics");
        await Assert.ThrowsAnyAsync<Exception>(() => server.ConnectAsync("/ws/abuse-metrics"));

        await client.SendAsync("""{"event":"nope","ref":3}""");
        await client.SendAsync("""{"event":"nope","ref":4}""");
        await client.ExpectCloseAsync();
        await client.DisposeAsync();
        await SocketServer.WaitUntilAsync(() => _totals.GetValueOrDefault("typedsockets.connections") == 1);
        Assert.Equal(1, _totals.GetValueOrDefault("typedsockets.clients"));

        Assert.Equal(4, _totals.GetValueOrDefault("typedsockets.messages.received"));
        Assert.True(_totals.GetValueOrDefault("typedsockets.bytes.received") > 0);
        Assert.True(_totals.GetValueOrDefault("typedsockets.frames.sent") >= 3);
        Assert.True(_totals.GetValueOrDefault("typedsockets.bytes.sent") > 0);
        Assert.Equal(1, _totals.GetValueOrDefault("typedsockets.errors.sent/unknown_event"));
        Assert.True(_totals.GetValueOrDefault("typedsockets.errors.sent/rate_limited") >= 2);
        Assert.Equal(1, _totals.GetValueOrDefault("typedsockets.evictions/rate limit exceeded"));
        Assert.Equal(1, _totals.GetValueOrDefault("typedsockets.connections.refused/capacity"));
    }
}

[SocketEndpoint("abuse-metrics")]
public sealed partial class MetricsEndpoint : SocketEndpoint;
