using System.Diagnostics;
using FanOut.Load;
using FanOut.Report;
using FanOut.Servers;

namespace FanOut;

/// <summary>Runs the chosen workloads on each server in turn, one fresh server at a time.</summary>
internal static class Runner
{
    // The warm-up brings the server's and the clients' hot paths to their final JIT tier before anything is measured.
    private const int WarmUpClients = 50;
    private const int WarmUpEvents = 300;
    private const int WarmUpRounds = 2;

    public static async Task<IReadOnlyList<ServerResult>> RunAsync(Options options)
    {
        var results = new List<ServerResult>();
        // A scale-out run's servers share one Redis; each kind uses channels of its own.
        await using var redis = options.Nodes > 1 ? await RedisProbe.StartAsync(options.Redis).ConfigureAwait(false) : null;
        foreach (var kind in options.Servers)
        {
            results.Add(await RunServerAsync(kind, options, redis).ConfigureAwait(false));
        }
        return results;
    }

    private static async Task<ServerResult> RunServerAsync(ServerKind kind, Options options, RedisProbe? redis)
    {
        var name = ServerKinds.Name(kind);
        var started = Stopwatch.GetTimestamp();
        var servers = new List<RunningServer>();
        try
        {
            for (var i = 0; i < options.Nodes; i++)
            {
                servers.Add(await RunningServer.StartAsync(kind, options.InProcess, redis?.Configuration).ConfigureAwait(false));
            }
            return await RunSessionAsync(kind, options, redis, servers, name, started).ConfigureAwait(false);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<ServerResult> RunSessionAsync(ServerKind kind, Options options, RedisProbe? redis, List<RunningServer> servers, string name, long started)
    {
        await using var session = new Session(kind, servers, options, redis);

        Progress(name, "warm-up");
        await session.ConnectAsync(Math.Min(WarmUpClients, options.Clients)).ConfigureAwait(false);
        await Workloads.BroadcastAsync(session, WarmUpEvents).ConfigureAwait(false);
        await Workloads.EchoAllAsync(session, WarmUpRounds).ConfigureAwait(false);
        await session.DisconnectAllAsync().ConfigureAwait(false);

        IdleResult? idle = null;
        if (options.Workloads.Contains(Workload.Idle))
        {
            Progress(name, $"idle, {options.Clients} clients");
            idle = await Workloads.IdleAsync(session, options.Clients).ConfigureAwait(false);
        }
        else
        {
            await session.ConnectAsync(options.Clients).ConfigureAwait(false);
        }

        var phases = new List<PhaseResult>();
        if (options.Workloads.Contains(Workload.Broadcast))
        {
            Progress(name, $"broadcast, {options.Messages} events");
            phases.Add(await Workloads.BroadcastAsync(session, options.Messages).ConfigureAwait(false));
        }
        if (options.Workloads.Contains(Workload.EchoAll))
        {
            Progress(name, $"echo-all, {options.Rounds} rounds");
            phases.Add(await Workloads.EchoAllAsync(session, options.Rounds).ConfigureAwait(false));
        }
        Progress(name, $"done in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        return new ServerResult(kind, idle, phases);
    }

    private static void Progress(string server, string step) => Console.Error.WriteLine($"[{server}] {step}");
}
