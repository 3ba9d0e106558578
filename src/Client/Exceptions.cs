using System.Net;

namespace TypedSockets.Client;

/// <summary>A connection could not be opened: the server refused the handshake, could not be reached, or took too long.</summary>
public sealed class SocketConnectException : Exception
{
    internal SocketConnectException(Uri uri, HttpStatusCode? statusCode, string message, Exception? inner)
        : base(message, inner)
    {
        Uri = uri;
        StatusCode = statusCode;
    }

    /// <summary>The URI the client tried.</summary>
    public Uri Uri { get; }

    /// <summary>
    /// The HTTP status the server answered the handshake with, when it answered with something other
    /// than the upgrade: 401 or 403 (not authorized), 404 (no endpoint there), 409 (the server
    /// refuses this client's contract), 503 (at its connection limit).
    /// </summary>
    public HttpStatusCode? StatusCode { get; }
}

/// <summary>
/// The client is not connected: a send or request was made while it was disconnected or
/// reconnecting, or the connection was lost before the server answered a request.
/// </summary>
public sealed class SocketDisconnectedException : Exception
{
    internal SocketDisconnectedException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>A request's answer did not arrive within its timeout. The server may still have handled it.</summary>
public sealed class SocketRequestTimeoutException : TimeoutException
{
    internal SocketRequestTimeoutException(string eventName, TimeSpan timeout)
        : base($"The server did not answer '{eventName}' within {timeout.TotalSeconds:0.###} s. It may still have handled it.")
    {
        EventName = eventName;
        Timeout = timeout;
    }

    /// <summary>The event that was sent.</summary>
    public string EventName { get; }

    /// <summary>How long the client waited.</summary>
    public TimeSpan Timeout { get; }
}

/// <summary>The server answered a request with something the contract does not allow (another event, or data that does not match).</summary>
public sealed class SocketProtocolException : Exception
{
    internal SocketProtocolException(string message)
        : base(message)
    {
    }
}
