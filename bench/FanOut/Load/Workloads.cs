using System.Diagnostics;
using FanOut.Report;

namespace FanOut.Load;

/// <summary>
/// The measured workloads. Broadcast and echo-all are paced by a window: event k is sent only once
/// W events have reached every one of their recipients (at most W events in flight, W = --window).
/// So each server is measured at the rate it can sustain, not at how fast it can fill queues, and
/// no client of a fair server ever has more than W frames waiting (TypedSockets closes a client
/// with 1008 at 1024). Throughput is deliveries over the time from the first send to the last
/// delivery.
/// </summary>
internal static class Workloads
{
    /// <summary>How long a phase may go without a single event completing before it is given up as stalled.</summary>
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Memory per idle connection: the server's working set and GC heap (each after a full GC)
    /// with the clients connected and silent, minus the same with none connected.
    /// </summary>
    public static async Task<IdleResult> IdleAsync(Session session, int clients)
    {
        var before = await session.StatsAsync(collect: true).ConfigureAwait(false);
        var lossesBefore = session.Tracker.Losses;
        var started = Stopwatch.GetTimestamp();
        await session.ConnectAsync(clients).ConfigureAwait(false);
        var connectSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        // Let the connections settle (handshakes answered, first keep-alive timers armed).
        await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        var after = await session.StatsAsync(collect: true).ConfigureAwait(false);
        var delta = after.Since(before);
        return new IdleResult(
            clients,
            connectSeconds,
            (double)delta.WorkingSetBytes / clients,
            (double)delta.GcHeapBytes / clients,
            session.Tracker.Losses - lossesBefore);
    }

    /// <summary>The first client publishes <paramref name="events"/> events; every client, the publisher too, receives each.</summary>
    public static Task<PhaseResult> BroadcastAsync(Session session, int events)
    {
        var publisher = session.Clients[0];
        return RunPacedAsync(session, Workload.Broadcast, events, session.Clients.Count, _ => publisher, toOthers: false);
    }

    /// <summary>The clients take turns sending, <paramref name="rounds"/> events each; every other client receives each.</summary>
    public static Task<PhaseResult> EchoAllAsync(Session session, int rounds)
    {
        var clients = session.Clients;
        return RunPacedAsync(session, Workload.EchoAll, rounds * clients.Count, clients.Count - 1, k => clients[k % clients.Count], toOthers: true);
    }

    private static async Task<PhaseResult> RunPacedAsync(
        Session session, Workload workload, int events, int recipientsPerEvent, Func<int, ILoadClient> senderOf, bool toOthers)
    {
        var window = session.Options.Window;
        var firstSeq = session.ReserveSeqs(events);
        var phase = session.Tracker.Start(firstSeq, events, recipientsPerEvent);
        var lossesBefore = session.Tracker.Losses;
        var before = await session.StatsAsync(collect: false).ConfigureAwait(false);
        var redisBefore = session.Redis is { } probe ? await probe.ReadAsync().ConfigureAwait(false) : null;
        var cpuBefore = CpuSample.Take();

        var started = Stopwatch.GetTimestamp();
        int sent = 0, completed = 0;
        var stalled = false;
        while (sent < events && !stalled)
        {
            if (sent - completed >= window)
            {
                stalled = !await phase.WaitForCompletedEventAsync(StallTimeout).ConfigureAwait(false);
                completed++;
                continue;
            }
            await senderOf(sent).SendAsync(toOthers, firstSeq + sent).ConfigureAwait(false);
            sent++;
        }
        while (completed < sent && !stalled)
        {
            stalled = !await phase.WaitForCompletedEventAsync(StallTimeout).ConfigureAwait(false);
            completed++;
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuAfter = CpuSample.Take();

        var after = await session.StatsAsync(collect: false).ConfigureAwait(false);
        var redis = session.Redis is { } redisProbe && redisBefore is not null ? (await redisProbe.ReadAsync().ConfigureAwait(false)).Since(redisBefore) : null;
        return new PhaseResult(
            workload,
            session.Clients.Count,
            events,
            (long)events * recipientsPerEvent,
            phase.Deliveries,
            seconds,
            phase.Latency.PercentileMilliseconds(50),
            phase.Latency.PercentileMilliseconds(99),
            phase.Latency.MaxMilliseconds,
            phase.Messages,
            phase.SingleDeliveryBytes,
            after.Since(before),
            cpuAfter.ProcessSeconds - cpuBefore.ProcessSeconds,
            cpuAfter.MachineBusySince(cpuBefore),
            session.Tracker.Losses - lossesBefore,
            stalled,
            redis);
    }
}
