using System.ComponentModel;
using TypedSockets.Endpoints;

namespace TypedSockets;

/// <summary>
/// What the TypedSockets generator implements for every <see cref="SocketEndpointAttribute"/>
/// class: its identity, its DI factory and its inbound dispatch. App code uses the operations
/// the endpoint inherits from <see cref="SocketEndpoint"/> instead.
/// </summary>
/// <typeparam name="TSelf">The endpoint type itself.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISocketEndpoint<TSelf> where TSelf : SocketEndpoint, ISocketEndpoint<TSelf>
{
    /// <summary>The endpoint's reference.</summary>
    static abstract string Ref { get; }

    /// <summary>The request path the endpoint is served at.</summary>
    static abstract string Path { get; }

    /// <summary>The hash of the endpoint's wire contract, which generated clients present when they connect.</summary>
    static abstract string ContractHash { get; }

    /// <summary>The event types the endpoint declares that it sends (<see cref="SendsAttribute{TEvent}"/>).</summary>
    static abstract IReadOnlyList<Type> OutboundEvents { get; }

    /// <summary>The event types the endpoint receives: those of its handlers and of <see cref="ReceivesAttribute{TEvent}"/>.</summary>
    static abstract IReadOnlyList<Type> InboundEvents { get; }

    /// <summary>Constructs the endpoint with its constructor's services; the runtime then binds it to its host.</summary>
    static abstract TSelf Create(IServiceProvider services);

    /// <summary>Reads the invocation's event and calls its handler.</summary>
    static abstract ValueTask DispatchAsync(TSelf endpoint, SocketInvocation invocation);

    /// <summary>The endpoint's own slow-consumer policy, when its attribute sets one.</summary>
    static virtual SlowConsumerPolicy? SlowConsumerPolicy => null;

    /// <summary>Whether the endpoint takes JSON messages in binary frames too.</summary>
    static virtual bool AllowBinaryFrames => false;

    /// <summary>
    /// Endpoint metadata from the endpoint class's attributes, such as <c>[Authorize]</c> and
    /// <c>[AllowAnonymous]</c>; it is added to the endpoint's route, where ASP.NET Core's
    /// authorization reads it before the upgrade.
    /// </summary>
    static virtual IReadOnlyList<object> Metadata => [];

    /// <summary>Runs the endpoint's <see cref="OnConnectAttribute"/> method, if any.</summary>
    static virtual ValueTask OnConnectedAsync(TSelf endpoint, SocketClient client, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    /// <summary>Runs the endpoint's <see cref="OnDisconnectAttribute"/> method, if any.</summary>
    static virtual ValueTask OnDisconnectedAsync(TSelf endpoint, SocketClient client, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;
}
