using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSockets.Benchmarks.Membership;

/// <summary>
/// One client joins an endpoint that already has <see cref="Clients"/> members, enters the group
/// they are all in, leaves the group and leaves the endpoint: the cost of a connection coming and
/// going on a busy endpoint (without the network).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class ChurnBenchmarks
{
    private ServiceProvider? _services;
    private BenchEndpoint _endpoint = null!;

    [Params(1_000, 50_000)]
    public int Clients { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        (_services, _endpoint) = Bench.CreateEndpoint();
        for (var i = 0; i < Clients; i++)
        {
            var client = new InProcessSocketClient();
            await _endpoint.Join(client);
            await _endpoint.JoinGroup(client, Bench.Group);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services?.Dispose();

    [Benchmark]
    public async Task Join_and_leave_one_client()
    {
        var client = new InProcessSocketClient();
        await _endpoint.Join(client);
        await _endpoint.JoinGroup(client, Bench.Group);
        await _endpoint.LeaveGroup(client, Bench.Group);
        await _endpoint.Leave(client);
    }
}

/// <summary>
/// <see cref="Clients"/> clients join an empty endpoint and its group, then all leave: filling an
/// endpoint from nothing, as after a restart, and emptying it.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class FillBenchmarks
{
    private ServiceProvider? _services;
    private BenchEndpoint _endpoint = null!;
    private InProcessSocketClient[] _clients = [];

    [Params(1_000, 50_000)]
    public int Clients { get; set; }

    [GlobalSetup]
    public void Setup() => (_services, _endpoint) = Bench.CreateEndpoint();

    [GlobalCleanup]
    public void Cleanup() => _services?.Dispose();

    [IterationSetup]
    public void CreateClients()
    {
        _clients = new InProcessSocketClient[Clients];
        for (var i = 0; i < _clients.Length; i++)
        {
            _clients[i] = new InProcessSocketClient();
        }
    }

    [Benchmark]
    public async Task Fill_and_empty_an_endpoint()
    {
        foreach (var client in _clients)
        {
            await _endpoint.Join(client);
            await _endpoint.JoinGroup(client, Bench.Group);
        }
        foreach (var client in _clients)
        {
            await _endpoint.Leave(client);
        }
    }
}

internal static class Bench
{
    public const string Group = "everyone";

    public static (ServiceProvider Services, BenchEndpoint Endpoint) CreateEndpoint()
    {
        var services = new ServiceCollection()
            .AddTypedSockets(o => o.MaxConnections = int.MaxValue)
            .BuildServiceProvider();
        return (services, services.GetRequiredService<BenchEndpoint>());
    }
}

[SocketEndpoint("bench")]
public sealed partial class BenchEndpoint : SocketEndpoint;
