using System.Diagnostics.Metrics;

namespace TypedSockets.Telemetry;

/// <summary>
/// The runtime's metrics, under one meter named <c>TypedSockets</c>, each tagged with the endpoint
/// (<c>typedsockets.endpoint</c>). Hot-path counters are added to once per batch, not per frame,
/// and only while something listens.
/// </summary>
internal static class SocketMetrics
{
    public const string MeterName = "TypedSockets";

    private static readonly Meter Meter = new(MeterName);
    private static readonly UpDownCounter<long> Clients = Meter.CreateUpDownCounter<long>(
        "typedsockets.clients", "{client}", "Clients joined to an endpoint.");
    private static readonly UpDownCounter<long> Connections = Meter.CreateUpDownCounter<long>(
        "typedsockets.connections", "{connection}", "Open WebSocket connections.");
    private static readonly Counter<long> Refused = Meter.CreateCounter<long>(
        "typedsockets.connections.refused", "{connection}", "Handshakes refused, by reason (origin, capacity).");
    private static readonly Counter<long> MessagesReceived = Meter.CreateCounter<long>(
        "typedsockets.messages.received", "{message}", "Inbound messages.");
    private static readonly Counter<long> BytesReceived = Meter.CreateCounter<long>(
        "typedsockets.bytes.received", "By", "Inbound message bytes.");
    private static readonly Counter<long> FramesSent = Meter.CreateCounter<long>(
        "typedsockets.frames.sent", "{frame}", "Outbound frames written to sockets.");
    private static readonly Counter<long> BytesSent = Meter.CreateCounter<long>(
        "typedsockets.bytes.sent", "By", "Outbound frame bytes written to sockets.");
    private static readonly Counter<long> FramesDropped = Meter.CreateCounter<long>(
        "typedsockets.frames.dropped", "{frame}", "Outbound frames dropped from full queues (volatile events, drop-oldest policy).");
    private static readonly Counter<long> Evictions = Meter.CreateCounter<long>(
        "typedsockets.evictions", "{client}", "Clients closed by the server for a policy, by reason.");
    private static readonly Counter<long> ContractMismatches = Meter.CreateCounter<long>(
        "typedsockets.contract.mismatches", "{connection}", "Handshakes whose client presented another contract hash than the endpoint's, by whether they were refused.");
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        "typedsockets.errors.sent", "{error}", "Error frames sent to clients, by code.");

    public static void ClientJoined(string endpoint) => Clients.Add(1, Tag(endpoint));

    public static void ClientLeft(string endpoint) => Clients.Add(-1, Tag(endpoint));

    public static void ConnectionOpened(string endpoint) => Connections.Add(1, Tag(endpoint));

    public static void ConnectionClosed(string endpoint) => Connections.Add(-1, Tag(endpoint));

    public static void ContractMismatch(string endpoint, bool refused) =>
        ContractMismatches.Add(1, Tag(endpoint), new KeyValuePair<string, object?>("typedsockets.refused", refused));

    public static void ConnectionRefused(string endpoint, string reason) =>
        Refused.Add(1, Tag(endpoint), new KeyValuePair<string, object?>("typedsockets.reason", reason));

    public static void MessageReceived(string endpoint, int bytes)
    {
        AddWhenListened(MessagesReceived, 1, endpoint);
        AddWhenListened(BytesReceived, bytes, endpoint);
    }

    public static void Sent(string endpoint, int frames, long bytes)
    {
        AddWhenListened(FramesSent, frames, endpoint);
        AddWhenListened(BytesSent, bytes, endpoint);
    }

    public static void Dropped(string endpoint, int frames) => AddWhenListened(FramesDropped, frames, endpoint);

    public static void Evicted(string endpoint, string reason) =>
        Evictions.Add(1, Tag(endpoint), new KeyValuePair<string, object?>("typedsockets.reason", reason));

    public static void ErrorSent(string endpoint, string code) =>
        Errors.Add(1, Tag(endpoint), new KeyValuePair<string, object?>("typedsockets.error.code", code));

    private static KeyValuePair<string, object?> Tag(string endpoint) => new("typedsockets.endpoint", endpoint);

    /// <summary>For the hot paths: nothing is built when nobody listens.</summary>
    private static void AddWhenListened(Counter<long> counter, long value, string endpoint)
    {
        if (counter.Enabled)
        {
            counter.Add(value, Tag(endpoint));
        }
    }
}
