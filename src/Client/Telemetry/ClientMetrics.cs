using System.Diagnostics.Metrics;

namespace TypedSockets.Client.Telemetry;

/// <summary>
/// The client's instruments, on the meter <c>TypedSockets.Client</c>, each tagged with the
/// endpoint's ref: connections opened and lost, reconnect attempts, and frames rejected.
/// </summary>
internal static class ClientMetrics
{
    private static readonly Meter Meter = new("TypedSockets.Client");
    private static readonly Counter<long> Connections = Meter.CreateCounter<long>("typedsockets.client.connections", description: "Connections opened.");
    private static readonly Counter<long> Disconnections = Meter.CreateCounter<long>("typedsockets.client.disconnections", description: "Connections that ended.");
    private static readonly Counter<long> Reconnects = Meter.CreateCounter<long>("typedsockets.client.reconnect_attempts", description: "Reconnect attempts made.");
    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>("typedsockets.client.frames.rejected", description: "Frames from the server that were skipped.");

    public static void Connected(string @ref) => Connections.Add(1, new KeyValuePair<string, object?>("typedsockets.endpoint", @ref));

    public static void Disconnected(string @ref) => Disconnections.Add(1, new KeyValuePair<string, object?>("typedsockets.endpoint", @ref));

    public static void ReconnectAttempted(string @ref) => Reconnects.Add(1, new KeyValuePair<string, object?>("typedsockets.endpoint", @ref));

    public static void FrameRejected(string @ref) => Rejected.Add(1, new KeyValuePair<string, object?>("typedsockets.endpoint", @ref));
}
