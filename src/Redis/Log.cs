using Microsoft.Extensions.Logging;

namespace TypedSockets.Redis;

/// <summary>The Redis bus's log messages (event ids 101–199).</summary>
internal static partial class Log
{
    [LoggerMessage(101, LogLevel.Information, "TypedSockets Redis bus: server {Node} uses channels '{Prefix}:*'.")]
    public static partial void Started(ILogger logger, Guid node, string prefix);

    [LoggerMessage(102, LogLevel.Warning, "TypedSockets Redis bus: Redis is unreachable ({Reason}). Local delivery goes on; what should cross servers is dropped and counted until it is back.")]
    public static partial void OutageStarted(ILogger logger, string reason);

    [LoggerMessage(103, LogLevel.Information, "TypedSockets Redis bus: Redis is back after {Seconds:0.0} s; {Dropped} messages could not cross servers meanwhile.")]
    public static partial void OutageEnded(ILogger logger, double seconds, long dropped);

    /// <summary>The first rejection is a warning, the rest are Debug; all are counted.</summary>
    [LoggerMessage(EventId = 104, Message = "TypedSockets Redis bus: dropped a message from channel '{Channel}': {Problem}. Every one is counted; after the first, they are logged at Debug.")]
    public static partial void Rejected(ILogger logger, LogLevel level, string channel, string problem);

    [LoggerMessage(106, LogLevel.Warning, "TypedSockets Redis bus: the subscription carried no heartbeat for {Seconds:0.0} s although Redis answers; subscribing again.")]
    public static partial void SubscriptionDead(ILogger logger, double seconds);

    [LoggerMessage(107, LogLevel.Error, "TypedSockets Redis bus: a command for endpoint '{Endpoint}' failed on this server.")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string endpoint);
}
