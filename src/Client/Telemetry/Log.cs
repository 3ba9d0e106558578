using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace TypedSockets.Client.Telemetry;

/// <summary>The client's log messages, each with a stable event id.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Connected to endpoint '{Ref}' at {Uri}")]
    public static partial void Connected(ILogger logger, string @ref, Uri uri);

    [LoggerMessage(2, LogLevel.Information, "The connection to endpoint '{Ref}' ended (close {CloseStatus} '{CloseDescription}')")]
    public static partial void ConnectionEnded(ILogger logger, string @ref, WebSocketCloseStatus? closeStatus, string? closeDescription, Exception? exception);

    [LoggerMessage(3, LogLevel.Information, "Reconnecting to endpoint '{Ref}': attempt {Attempt} in {DelayMs:0} ms")]
    public static partial void Reconnecting(ILogger logger, string @ref, int attempt, double delayMs);

    [LoggerMessage(4, LogLevel.Warning, "Reconnect attempt {Attempt} to endpoint '{Ref}' failed: {Reason}")]
    public static partial void ReconnectFailed(ILogger logger, string @ref, int attempt, string reason);

    [LoggerMessage(5, LogLevel.Error, "Gave up reconnecting to endpoint '{Ref}' after {Attempts} attempts")]
    public static partial void ReconnectGaveUp(ILogger logger, string @ref, int attempts);

    [LoggerMessage(6, LogLevel.Warning, "Endpoint '{Ref}' sent {What}; the client skipped it")]
    public static partial void FrameRejected(ILogger logger, string @ref, string what);

    [LoggerMessage(7, LogLevel.Error, "A handler of '{EventName}' from endpoint '{Ref}' failed")]
    public static partial void HandlerFailed(ILogger logger, string @ref, string eventName, Exception exception);

    [LoggerMessage(8, LogLevel.Error, "An OnReconnected hook of endpoint '{Ref}' failed")]
    public static partial void HookFailed(ILogger logger, string @ref, Exception exception);

    [LoggerMessage(9, LogLevel.Debug, "Endpoint '{Ref}' answered request {RequestRef}, which no longer waits (timed out or cancelled)")]
    public static partial void LateAnswer(ILogger logger, string @ref, long requestRef);

    [LoggerMessage(10, LogLevel.Warning, "Endpoint '{Ref}' sent error '{Code}': {Message}")]
    public static partial void ServerError(ILogger logger, string @ref, string code, string message);

    [LoggerMessage(11, LogLevel.Critical, "The connection of the client of endpoint '{Ref}' failed unexpectedly; the client is disconnected")]
    public static partial void SupervisorFailed(ILogger logger, string @ref, Exception exception);
}
