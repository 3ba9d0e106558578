using System.Net.WebSockets;

namespace TypedSockets.Client;

/// <summary>Where a client's connection stands.</summary>
public enum SocketClientState
{
    /// <summary>Not connected: not yet connected, closed by the app, or given up after failed reconnects.</summary>
    Disconnected,

    /// <summary>Opening its first connection (<c>ConnectAsync</c>).</summary>
    Connecting,

    /// <summary>Connected: sends go out and events come in.</summary>
    Connected,

    /// <summary>The connection was lost; the client is waiting to try again, or trying.</summary>
    Reconnecting,
}

/// <summary>A client's state changed.</summary>
public sealed class SocketClientStateChangedEventArgs : EventArgs
{
    internal SocketClientStateChangedEventArgs(
        SocketClientState previous, SocketClientState current, WebSocketCloseStatus? closeStatus, string? closeDescription, Exception? error)
    {
        Previous = previous;
        Current = current;
        CloseStatus = closeStatus;
        CloseDescription = closeDescription;
        Error = error;
    }

    /// <summary>The state before.</summary>
    public SocketClientState Previous { get; }

    /// <summary>The state now.</summary>
    public SocketClientState Current { get; }

    /// <summary>When a connection ended: the close code the server sent, or null when it ended without one.</summary>
    public WebSocketCloseStatus? CloseStatus { get; }

    /// <summary>When a connection ended: the reason the server gave with its close code.</summary>
    public string? CloseDescription { get; }

    /// <summary>What broke the connection or the attempt to open it, when something did.</summary>
    public Exception? Error { get; }
}

/// <summary>The client is about to wait and try to reconnect.</summary>
public sealed class SocketClientReconnectingEventArgs : EventArgs
{
    internal SocketClientReconnectingEventArgs(int attempt, TimeSpan delay, Exception? error)
    {
        Attempt = attempt;
        Delay = delay;
        Error = error;
    }

    /// <summary>The attempt about to be made, from 1 after each lost connection.</summary>
    public int Attempt { get; }

    /// <summary>How long the client waits before it (backoff with jitter).</summary>
    public TimeSpan Delay { get; }

    /// <summary>Why the previous attempt failed, or what ended the connection, when known.</summary>
    public Exception? Error { get; }
}

/// <summary>An <c>error</c> frame the server sent about no request of this client's (e.g. <c>rate_limited</c> for an event sent without waiting).</summary>
public sealed class SocketServerErrorEventArgs : EventArgs
{
    internal SocketServerErrorEventArgs(string code, string message)
    {
        Code = code;
        Message = message;
    }

    /// <summary>The error code, e.g. <c>rate_limited</c> or <c>invalid_data</c>.</summary>
    public string Code { get; }

    /// <summary>The server's message.</summary>
    public string Message { get; }
}
