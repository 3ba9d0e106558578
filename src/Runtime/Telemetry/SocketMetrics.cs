using System.Diagnostics.Metrics;

namespace TypedSockets.Telemetry;

/// <summary>The runtime's metrics, under one meter named <c>TypedSockets</c>.</summary>
internal static class SocketMetrics
{
    public const string MeterName = "TypedSockets";

    private static readonly Meter Meter = new(MeterName);
    private static readonly UpDownCounter<long> Clients = Meter.CreateUpDownCounter<long>(
        "typedsockets.clients", "{client}", "Clients joined to an endpoint.");
    private static readonly Counter<long> MessagesReceived = Meter.CreateCounter<long>(
        "typedsockets.messages.received", "{message}", "Inbound messages.");
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        "typedsockets.errors.sent", "{error}", "Error frames sent to clients.");
    private static readonly Counter<long> SlowConsumers = Meter.CreateCounter<long>(
        "typedsockets.slow_consumers", "{client}", "Clients closed because their outbound queue was full.");

    public static void ClientJoined(string endpoint) => Clients.Add(1, Tag(endpoint));

    public static void ClientLeft(string endpoint) => Clients.Add(-1, Tag(endpoint));

    public static void MessageReceived(string endpoint)
    {
        if (MessagesReceived.Enabled)
        {
            MessagesReceived.Add(1, Tag(endpoint));
        }
    }

    public static void ErrorSent(string endpoint, string code) =>
        Errors.Add(1, Tag(endpoint), new KeyValuePair<string, object?>("typedsockets.error.code", code));

    public static void SlowConsumer(string endpoint) => SlowConsumers.Add(1, Tag(endpoint));

    private static KeyValuePair<string, object?> Tag(string endpoint) => new("typedsockets.endpoint", endpoint);

}
