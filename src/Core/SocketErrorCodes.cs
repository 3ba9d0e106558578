namespace TypedSockets;

/// <summary>The error codes of wire protocol version 1.</summary>
public static class SocketErrorCodes
{
    /// <summary>The frame is not a JSON object, or has no <c>event</c> string.</summary>
    public const string BadFrame = "bad_frame";

    /// <summary>No handler or subscriber takes the event.</summary>
    public const string UnknownEvent = "unknown_event";

    /// <summary>The <c>data</c> does not match the event's type; the message names the JSON path.</summary>
    public const string InvalidData = "invalid_data";

    /// <summary>The handler threw; the details go to the server log.</summary>
    public const string HandlerFailed = "handler_failed";

    /// <summary>The client sends faster than its rate limit allows.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>A conventional code for a request the handler refuses.</summary>
    public const string Forbidden = "forbidden";
}
