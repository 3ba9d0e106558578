using FanOut.Load;
using FanOut.Servers;

namespace FanOut.Report;

/// <summary>Everything measured on one server.</summary>
internal sealed record ServerResult(ServerKind Server, IdleResult? Idle, IReadOnlyList<PhaseResult> Phases)
{
    public PhaseResult? Phase(Workload workload) => Phases.FirstOrDefault(p => p.Workload == workload);
}

/// <summary>Memory per idle connection, from the server's counters.</summary>
internal sealed record IdleResult(
    int Clients,
    double ConnectSeconds,
    double WorkingSetBytesPerConnection,
    double GcHeapBytesPerConnection,
    Losses Losses);

/// <summary>One paced workload on one server: client-side deliveries and latency, server-side cost.</summary>
internal sealed record PhaseResult(
    Workload Workload,
    int Clients,
    int Events,
    long ExpectedDeliveries,
    long Deliveries,
    double Seconds,
    double P50Milliseconds,
    double P99Milliseconds,
    double MaxMilliseconds,
    long Messages,
    int FrameBytes,
    ServerStats ServerCost,
    double ClientCpuSeconds,
    double MachineBusy,
    Losses Losses,
    bool Stalled,
    RedisCounters? Redis = null)
{
    /// <summary>In a scale-out run: PUBLISH commands Redis received per event sent.</summary>
    public double? RedisPublishesPerEvent => Redis is null ? null : (double)Redis.Publishes / Events;

    /// <summary>In a scale-out run: bytes Redis received per event sent.</summary>
    public double? RedisBytesPerEvent => Redis is null ? null : (double)Redis.BytesIn / Events;

    public double DeliveriesPerSecond => Deliveries / Seconds;

    public double CpuSecondsPerMillionDeliveries => ServerCost.CpuSeconds / Deliveries * 1_000_000;

    public double ClientCpuSecondsPerMillionDeliveries => ClientCpuSeconds / Deliveries * 1_000_000;

    public double AllocatedBytesPerDelivery => (double)ServerCost.AllocatedBytes / Deliveries;

    /// <summary>Deliveries per WebSocket message received: above 1 when the server coalesces frames.</summary>
    public double DeliveriesPerMessage => Messages == 0 ? double.NaN : (double)Deliveries / Messages;
}
