using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using TypedSockets.Tests.Abuse;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests;

/// <summary>
/// The contract hash at the handshake: a client that presents the endpoint's hash connects as any
/// other; one that presents another is logged and counted, and refused with 409 only when the app
/// asks for that; one that presents none is not checked.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class ContractHashTests : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _mismatches = new();

    public ContractHashTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "TypedSockets" && instrument.Name == "typedsockets.contract.mismatches")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var endpoint = string.Empty;
            var refused = string.Empty;
            foreach (var tag in tags)
            {
                if (tag.Key == "typedsockets.endpoint")
                {
                    endpoint = tag.Value as string ?? string.Empty;
                }
                else if (tag.Key == "typedsockets.refused")
                {
                    refused = tag.Value is true ? "refused" : "accepted";
                }
            }
            _mismatches.AddOrUpdate($"{endpoint}/{refused}", value, (_, total) => total + value);
        });
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public void The_hash_is_sixteen_hex_digits_and_differs_between_contracts()
    {
        Assert.Matches("^[0-9a-f]{16}$", TestEndpoint.ContractHash);
        Assert.NotEqual(TestEndpoint.ContractHash, AbuseEndpoint.ContractHash);
    }

    [Fact]
    public async Task The_endpoints_own_hash_or_none_connects_without_a_word()
    {
        await using var server = await SocketServer.StartAsync(o => o.RefuseContractMismatch = true);

        Assert.Equal(HttpStatusCode.SwitchingProtocols, await HandshakeAsync(server, $"/ws/test?ts-contract={TestEndpoint.ContractHash}"));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await HandshakeAsync(server, "/ws/test"));
        Assert.Empty(_mismatches);
    }

    [Fact]
    public async Task Another_hash_is_logged_and_counted_and_still_connects_by_default()
    {
        await using var server = await SocketServer.StartAsync();

        Assert.Equal(HttpStatusCode.SwitchingProtocols, await HandshakeAsync(server, "/ws/test?ts-contract=0123456789abcdef"));

        Assert.Equal(1, _mismatches.GetValueOrDefault("test/accepted"));
        Assert.Contains(Logged(), e => e.Level == LogLevel.Warning && e.Message ==
            $"A client of endpoint 'test' presented contract 0123456789abcdef, not the endpoint's {TestEndpoint.ContractHash}; refused: False");
    }

    [Fact]
    public async Task Another_hash_is_refused_with_409_when_the_app_asks()
    {
        await using var server = await SocketServer.StartAsync(o => o.RefuseContractMismatch = true);

        Assert.Equal(HttpStatusCode.Conflict, await HandshakeAsync(server, "/ws/test?ts-contract=0123456789abcdef"));
        // Twice the parameter is not one hash: refused too.
        Assert.Equal(HttpStatusCode.Conflict, await HandshakeAsync(server, $"/ws/test?ts-contract={TestEndpoint.ContractHash}&ts-contract=x"));

        Assert.Equal(2, _mismatches.GetValueOrDefault("test/refused"));
        Assert.Empty(server.Services.GetRequiredService<TestEndpoint>().Clients);
    }

    private static List<(LogLevel Level, string Category, string Message, Exception? Exception)> Logged()
    {
        lock (ListLoggerProvider.Entries)
        {
            return [.. ListLoggerProvider.Entries];
        }
    }

    private static async Task<HttpStatusCode> HandshakeAsync(SocketServer server, string pathAndQuery)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await socket.ConnectAsync(server.WebSocketUri(pathAndQuery), timeout.Token);
        }
        catch (WebSocketException)
        {
            Assert.NotEqual(default, socket.HttpStatusCode);
            return socket.HttpStatusCode;
        }
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        return socket.HttpStatusCode;
    }
}
