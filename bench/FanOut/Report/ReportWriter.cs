using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FanOut.Servers;

namespace FanOut.Report;

/// <summary>Writes the results as markdown tables, then, as the last line, one JSON object of TypedSockets' ratios.</summary>
internal static class ReportWriter
{
    public static void Write(TextWriter output, Options options, IReadOnlyList<ServerResult> results)
    {
        output.WriteLine();
        output.WriteLine(Invariant($"## Fan-out: {options.Clients} clients, payload {options.Payload} B, window {options.Window} events, SignalR client {(options.SignalRClient == SignalRClientKind.Raw ? "raw WebSocket" : "HubConnection")}, servers {(options.InProcess ? "in-process" : "in child processes")}{(options.Nodes > 1 ? Invariant($", {options.Nodes} nodes of each on one Redis (clients spread over them)") : "")}"));
        output.WriteLine();
        output.WriteLine("Paced: an event is sent only when every recipient has received the event `window` before it; throughput = deliveries / (first send .. last delivery).");
        output.WriteLine("broadcast: one publisher, every client receives (Broadcast / Clients.All). echo-all: clients take turns, every other client receives (BroadcastFrom / Clients.Others).");
        output.WriteLine("Server figures come from its /stats: CPU time and allocated bytes over the phase, divided by the deliveries. Client CPU is the driver's (with --in-process it includes the server).");
        output.WriteLine("Machine busy: share of all cores busy during the phase (/proc/stat), other processes included; near 100 % means the figures are CPU-bound.");
        output.WriteLine();
        output.WriteLine("| server | workload | clients | events | deliveries | deliveries/s | p50 ms | p99 ms | max ms | server CPU s / 1M deliv. | server alloc B / deliv. | gen0/1/2 | client CPU s / 1M deliv. | machine busy | deliv. per WS msg | frame B | lost conns | complete |");
        output.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- | --- |");
        foreach (var result in results)
        {
            foreach (var phase in result.Phases)
            {
                var cost = phase.ServerCost;
                output.WriteLine(Invariant(
                    $"| {ServerKinds.Name(result.Server)} | {Options.Name(phase.Workload)} | {phase.Clients} | {phase.Events} | {phase.Deliveries:N0} | {phase.DeliveriesPerSecond:N0} | {phase.P50Milliseconds:F2} | {phase.P99Milliseconds:F2} | {phase.MaxMilliseconds:F1} | {phase.CpuSecondsPerMillionDeliveries:F2} | {phase.AllocatedBytesPerDelivery:F1} | {cost.Gen0}/{cost.Gen1}/{cost.Gen2} | {phase.ClientCpuSecondsPerMillionDeliveries:F2} | {Number(phase.MachineBusy * 100, "F0")} % | {Number(phase.DeliveriesPerMessage, "F2")} | {phase.FrameBytes} | {LossText(phase.Losses)} | {CompleteText(phase)} |"));
            }
        }

        if (options.Nodes > 1)
        {
            output.WriteLine();
            output.WriteLine("Scale-out: server figures are summed over the nodes; Redis figures are its INFO counters over the phase (PUBLISH commands, bytes received), per event sent.");
            output.WriteLine();
            output.WriteLine("| server | workload | nodes | Redis publishes / event | Redis bytes in / event |");
            output.WriteLine("| --- | --- | ---: | ---: | ---: |");
            foreach (var result in results)
            {
                foreach (var phase in result.Phases)
                {
                    output.WriteLine(Invariant(
                        $"| {ServerKinds.Name(result.Server)} | {Options.Name(phase.Workload)} | {options.Nodes} | {Number(phase.RedisPublishesPerEvent ?? double.NaN, "F2")} | {Number(phase.RedisBytesPerEvent ?? double.NaN, "F0")} |"));
                }
            }
        }

        if (results.Any(r => r.Idle is not null))
        {
            output.WriteLine();
            output.WriteLine("| server | idle clients | connect s | server working set / conn | server GC heap / conn | lost conns |");
            output.WriteLine("| --- | ---: | ---: | ---: | ---: | --- |");
            foreach (var result in results)
            {
                if (result.Idle is { } idle)
                {
                    output.WriteLine(Invariant(
                        $"| {ServerKinds.Name(result.Server)} | {idle.Clients} | {idle.ConnectSeconds:F2} | {idle.WorkingSetBytesPerConnection / 1024:F1} KiB | {idle.GcHeapBytesPerConnection / 1024:F1} KiB | {LossText(idle.Losses)} |"));
                }
            }
        }

        output.WriteLine();
        output.WriteLine(Ratios(options, results).ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }

    /// <summary>
    /// TypedSockets against each other server (above 1 means TypedSockets has more of it: better
    /// for throughput, worse for latency, CPU and memory); null where a figure is missing.
    /// </summary>
    private static JsonObject Ratios(Options options, IReadOnlyList<ServerResult> results)
    {
        var typed = results.FirstOrDefault(r => r.Server == ServerKind.TypedSockets);
        var json = new JsonObject();
        foreach (var other in (ServerKind[])[ServerKind.SignalR, ServerKind.Raw])
        {
            var baseline = results.FirstOrDefault(r => r.Server == other);
            var suffix = "_vs_" + ServerKinds.Name(other);
            json["throughput" + suffix] = Ratio(typed, baseline, r => r.Phase(Workload.Broadcast)?.DeliveriesPerSecond);
            json["echo_throughput" + suffix] = Ratio(typed, baseline, r => r.Phase(Workload.EchoAll)?.DeliveriesPerSecond);
            json["p99" + suffix] = Ratio(typed, baseline, r => r.Phase(Workload.Broadcast)?.P99Milliseconds);
            json["echo_p99" + suffix] = Ratio(typed, baseline, r => r.Phase(Workload.EchoAll)?.P99Milliseconds);
            json["cpu_per_delivery" + suffix] = Ratio(typed, baseline, r => r.Phase(Workload.Broadcast)?.CpuSecondsPerMillionDeliveries);
            json["alloc_per_delivery" + suffix] = Ratio(typed, baseline, r => r.Phase(Workload.Broadcast)?.AllocatedBytesPerDelivery);
            json["idle_bytes_per_conn" + suffix] = Ratio(typed, baseline, r => r.Idle?.WorkingSetBytesPerConnection);
            json["idle_heap_per_conn" + suffix] = Ratio(typed, baseline, r => r.Idle?.GcHeapBytesPerConnection);
        }
        json["alloc_per_delivery_bytes"] = Rounded(typed?.Phase(Workload.Broadcast)?.AllocatedBytesPerDelivery);
        json["echo_alloc_per_delivery_bytes"] = Rounded(typed?.Phase(Workload.EchoAll)?.AllocatedBytesPerDelivery);
        json["nodes"] = options.Nodes;
        if (options.Nodes > 1)
        {
            var signalR = results.FirstOrDefault(r => r.Server == ServerKind.SignalR);
            json["redis_publishes_per_broadcast"] = Rounded(typed?.Phase(Workload.Broadcast)?.RedisPublishesPerEvent);
            json["signalr_redis_publishes_per_broadcast"] = Rounded(signalR?.Phase(Workload.Broadcast)?.RedisPublishesPerEvent);
            json["redis_bytes_per_broadcast"] = Rounded(typed?.Phase(Workload.Broadcast)?.RedisBytesPerEvent);
            json["signalr_redis_bytes_per_broadcast"] = Rounded(signalR?.Phase(Workload.Broadcast)?.RedisBytesPerEvent);
        }
        json["lost_connections"] = results.Sum(r => r.Phases.Sum(p => p.Losses.Total) + (r.Idle?.Losses.Total ?? 0));
        json["stalled_phases"] = results.Sum(r => r.Phases.Count(p => p.Stalled));
        return json;
    }

    private static double? Ratio(ServerResult? typed, ServerResult? baseline, Func<ServerResult, double?> figure) =>
        typed is not null && baseline is not null && figure(typed) is { } mine && figure(baseline) is { } theirs && theirs != 0
            ? Rounded(mine / theirs)
            : null;

    private static double? Rounded(double? value) =>
        value is { } v && double.IsFinite(v) ? Math.Round(v, 3) : null;

    private static string LossText(Load.Losses losses) =>
        losses.Total == 0 ? "0" : Invariant($"{losses.SlowConsumerCloses} slow-consumer (1008), {losses.OtherCloses} other closes, {losses.Errors} errors");

    private static string CompleteText(PhaseResult phase) =>
        phase.Deliveries == phase.ExpectedDeliveries && !phase.Stalled
            ? "yes"
            : Invariant($"{(phase.Stalled ? "STALLED, " : "")}{phase.Deliveries} of {phase.ExpectedDeliveries}");

    private static string Number(double value, string format) =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
