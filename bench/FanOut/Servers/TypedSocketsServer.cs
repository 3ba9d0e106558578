using TypedSockets;

namespace FanOut.Servers;

/// <summary>
/// The server under test: a TypedSockets endpoint with the library's default options, but for the
/// per-connection inbound rate limit (50 messages a second by default), which the benchmark's
/// publisher, a trusted server-side feed, is meant to exceed. SignalR and the raw server have none.
/// </summary>
internal static class TypedSocketsServer
{
    public const string Path = "/ws/fanout";

    /// <param name="services">The server's services.</param>
    /// <param name="redis">With several servers, the Redis they share (TypedSockets.Redis).</param>
    public static void AddServices(IServiceCollection services, string? redis)
    {
        services.AddTypedSockets(o => o.RateLimit = null);
        if (redis is not null)
        {
            services.AddTypedSocketsRedis(redis, o => o.ChannelPrefix = "fanout");
        }
    }

    public static void Map(WebApplication app) => app.MapTypedSockets();
}

/// <summary>Turns each inbound event into a <see cref="Tick"/> for everyone (publish) or everyone else (chat).</summary>
[SocketEndpoint("fanout")]
[Sends<Tick>]
internal sealed partial class FanOutEndpoint : SocketEndpoint
{
    [OnEvent]
    public ValueTask Publish(Publish message) => Broadcast(new Tick(message.SentAt, message.Seq, message.Pad));

    [OnEvent]
    public ValueTask Chat(Chat message, SocketClient sender) =>
        BroadcastFrom(sender, new Tick(message.SentAt, message.Seq, message.Pad));
}

// The same three members in each event, so each frame carries the same data object.

[SocketEvent("publish")]
internal sealed partial record Publish(long SentAt, int Seq, string Pad);

[SocketEvent("chat")]
internal sealed partial record Chat(long SentAt, int Seq, string Pad);

[SocketEvent("tick")]
internal sealed partial record Tick(long SentAt, int Seq, string Pad);
