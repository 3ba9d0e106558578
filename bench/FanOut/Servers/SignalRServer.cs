using Microsoft.AspNetCore.SignalR;

namespace FanOut.Servers;

/// <summary>The comparison: a SignalR hub with the JSON protocol and default options but one.</summary>
internal static class SignalRServer
{
    public const string Path = "/hub";

    /// <summary>The client method every delivery invokes.</summary>
    public const string TickMethod = "tick";

    /// <param name="services">The server's services.</param>
    /// <param name="redis">With several servers, the Redis they share (SignalR's Redis backplane).</param>
    public static void AddServices(IServiceCollection services, string? redis)
    {
        var signalR = services.AddSignalR(options =>
        {
            // The raw clients do not send SignalR pings; without this a client that only listens
            // longer than 30 s would be dropped. It changes nothing per message.
            options.ClientTimeoutInterval = TimeSpan.FromMinutes(30);
        });
        if (redis is not null)
        {
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("fanout-signalr"));
        }
    }

    public static void Map(WebApplication app) => app.MapHub<FanOutHub>(Path);
}

/// <summary>Rebroadcasts each inbound tick to everyone (publish) or everyone else (chat).</summary>
internal sealed class FanOutHub : Hub
{
    public Task Publish(HubTick tick) => Clients.All.SendAsync(SignalRServer.TickMethod, tick);

    public Task Chat(HubTick tick) => Clients.Others.SendAsync(SignalRServer.TickMethod, tick);
}

/// <summary>The hub's event, the same members as TypedSockets' <see cref="Tick"/>.</summary>
internal sealed record HubTick(long SentAt, int Seq, string Pad);
