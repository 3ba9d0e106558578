using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FanOut.Servers;

/// <summary>A server process's resource counters at one moment, served at <c>GET /stats</c>.</summary>
internal sealed record ServerStats(
    double CpuSeconds,
    long AllocatedBytes,
    long WorkingSetBytes,
    long GcHeapBytes,
    long GcTotalMemoryBytes,
    int Gen0,
    int Gen1,
    int Gen2)
{
    public const string Path = "/stats";

    /// <summary>Reads the counters; <paramref name="collect"/> first settles the heap, for memory figures.</summary>
    public static ServerStats Capture(bool collect)
    {
        if (collect)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
        using var process = Process.GetCurrentProcess();
        return new ServerStats(
            process.TotalProcessorTime.TotalSeconds,
            GC.GetTotalAllocatedBytes(precise: true),
            process.WorkingSet64,
            GC.GetGCMemoryInfo().HeapSizeBytes,
            GC.GetTotalMemory(forceFullCollection: false),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2));
    }

    /// <summary>This and <paramref name="other"/>'s counters together (several servers as one).</summary>
    public ServerStats Plus(ServerStats other) => new(
        CpuSeconds + other.CpuSeconds,
        AllocatedBytes + other.AllocatedBytes,
        WorkingSetBytes + other.WorkingSetBytes,
        GcHeapBytes + other.GcHeapBytes,
        GcTotalMemoryBytes + other.GcTotalMemoryBytes,
        Gen0 + other.Gen0,
        Gen1 + other.Gen1,
        Gen2 + other.Gen2);

    /// <summary>The change from <paramref name="before"/> to this.</summary>
    public ServerStats Since(ServerStats before) => new(
        CpuSeconds - before.CpuSeconds,
        AllocatedBytes - before.AllocatedBytes,
        WorkingSetBytes - before.WorkingSetBytes,
        GcHeapBytes - before.GcHeapBytes,
        GcTotalMemoryBytes - before.GcTotalMemoryBytes,
        Gen0 - before.Gen0,
        Gen1 - before.Gen1,
        Gen2 - before.Gen2);
}

[JsonSerializable(typeof(ServerStats))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class StatsJsonContext : JsonSerializerContext;
