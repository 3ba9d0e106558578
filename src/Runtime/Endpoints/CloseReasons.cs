using System.Net.WebSockets;

namespace TypedSockets.Endpoints;

/// <summary>The close reasons (and the going-away status) the runtime sends, in one place.</summary>
internal static class CloseReasons
{
    public const string SlowConsumer = "slow consumer";
    public const string EndpointStopped = "endpoint stopped";
    public const string ServerStopping = "server stopping";
    public const string TooManyFragments = "too many fragments";
    public const string RateLimitExceeded = "rate limit exceeded";
    public const WebSocketCloseStatus GoingAway = WebSocketCloseStatus.EndpointUnavailable;
}
