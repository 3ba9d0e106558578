namespace TypedSockets.Client;

/// <summary>
/// A generated typed client, creatable from its type alone: what lets code that is generic over
/// clients (the test harness's <c>ConnectAsync&lt;ChatClient&gt;()</c>) make one without reflection.
/// </summary>
/// <typeparam name="TSelf">The generated client itself.</typeparam>
public interface ISocketEndpointClient<TSelf>
    where TSelf : SocketEndpointClient, ISocketEndpointClient<TSelf>
{
    /// <summary>Creates a client, not yet connected.</summary>
    /// <param name="options">The client's options; null for the defaults.</param>
    static abstract TSelf Create(SocketClientOptions? options);
}
