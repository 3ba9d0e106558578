namespace TypedSockets;

/// <summary>
/// Thrown by a handler to refuse a request on purpose: the client receives an <c>error</c> frame
/// with <see cref="Code"/> and <see cref="Exception.Message"/> (and its <c>ref</c>), and the
/// connection stays open.
/// </summary>
public sealed class SocketErrorException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">A short machine-readable code, e.g. <c>forbidden</c>.</param>
    /// <param name="message">A message for the client.</param>
    public SocketErrorException(string code, string message) : base(message)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
    }

    /// <summary>The error code sent to the client.</summary>
    public string Code { get; }
}

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
