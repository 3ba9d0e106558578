namespace TypedSockets;

/// <summary>
/// Marks a <c>partial</c> class as a WebSocket endpoint. The TypedSockets generator adds its
/// operations (<c>Join</c>, <c>Leave</c>, <c>Broadcast</c>, <c>BroadcastFrom</c>, <c>SendTo</c>,
/// groups, <c>Stop</c>), the inbound dispatch to its <see cref="OnEventAttribute"/> methods and
/// its registration.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SocketEndpointAttribute : Attribute
{
    /// <summary>Marks an endpoint with its own reference.</summary>
    /// <param name="ref">The endpoint's reference: 1–64 letters, digits, <c>_</c>, <c>-</c>, <c>.</c> or <c>:</c>.
    /// The endpoint is served at <c>/ws/{ref}</c> unless <see cref="Path"/> says otherwise.</param>
    public SocketEndpointAttribute(string @ref) => Ref = @ref;

    /// <summary>
    /// Marks an endpoint that adopts a contract (<see cref="SocketEndpoint{TContract}"/>): its
    /// reference and path are the contract's (<see cref="SocketContractAttribute"/>).
    /// </summary>
    public SocketEndpointAttribute() => Ref = string.Empty;

    /// <summary>The endpoint's reference, unique in the app; empty when it comes from the endpoint's contract.</summary>
    public string Ref { get; }

    /// <summary>The request path the endpoint is served at; defaults to <c>/ws/{ref}</c>.</summary>
    public string? Path { get; init; }

    /// <summary>
    /// What happens to a client of this endpoint whose outbound queue is full. When not set,
    /// <see cref="TypedSocketsOptions.SlowConsumerPolicy"/> applies (by default
    /// <see cref="TypedSockets.SlowConsumerPolicy.Disconnect"/>).
    /// </summary>
    public SlowConsumerPolicy SlowConsumerPolicy { get; init; }

    /// <summary>
    /// Whether clients may send their JSON messages in binary frames too. By default a binary
    /// frame closes the connection with 1003.
    /// </summary>
    public bool AllowBinaryFrames { get; init; }
}

/// <summary>
/// Marks a method of a <see cref="SocketEndpointAttribute"/> class as the handler of the event
/// type of its first parameter. Supported shapes: <c>(TEvent)</c> or <c>(TEvent, SocketClient)</c>,
/// optionally followed by a <see cref="CancellationToken"/>; returning <c>void</c>, <see cref="Task"/>,
/// <see cref="ValueTask"/>, or an event type (plain, <see cref="Task{TResult}"/> or
/// <see cref="ValueTask{TResult}"/>) that answers the sender.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnEventAttribute : Attribute;

/// <summary>
/// Marks a method of an endpoint that runs when a client has joined it:
/// <c>(SocketClient)</c>, optionally followed by a <see cref="CancellationToken"/>, returning
/// <c>void</c>, <see cref="Task"/> or <see cref="ValueTask"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnConnectAttribute : Attribute;

/// <summary>
/// Marks a method of an endpoint that runs after a client has left it (it no longer receives
/// broadcasts): same shapes as <see cref="OnConnectAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnDisconnectAttribute : Attribute;
