namespace TypedSockets.Redis;

/// <summary>How the Redis bus connects and how long it waits.</summary>
public sealed class TypedSocketsRedisOptions
{
    /// <summary>The StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> or <c>redis:6379,password=…,ssl=true</c>.</summary>
    public string Configuration { get; set; } = string.Empty;

    /// <summary>
    /// Starts every channel name, so apps that share a Redis never see each other's traffic. Default:
    /// the app's name (<c>IHostEnvironment.ApplicationName</c>). Every server of one app must use the same.
    /// </summary>
    public string? ChannelPrefix { get; set; }

    /// <summary>How long a group change for a client on another server waits for that server's answer. Default 5 s.</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a server sends itself a heartbeat through Redis. A subscription that has not carried
    /// one for three intervals while Redis answers is dead: the health check says so and the server
    /// subscribes again. Default 2 s.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);
}
