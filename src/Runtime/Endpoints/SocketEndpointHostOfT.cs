using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TypedSockets.Bus;

namespace TypedSockets.Endpoints;

/// <summary>
/// The host of one endpoint type: what <see cref="SocketEndpointHost"/> needs of the type, taken
/// from the members the generator implements (<see cref="ISocketEndpoint{TSelf}"/>).
/// </summary>
/// <typeparam name="TEndpoint">The endpoint type.</typeparam>
internal sealed class SocketEndpointHost<TEndpoint> : SocketEndpointHost
    where TEndpoint : SocketEndpoint, ISocketEndpoint<TEndpoint>
{
    private readonly IServiceProvider _services;
    private TEndpoint? _endpoint;

    public SocketEndpointHost(IServiceProvider services, ISocketBus bus, TypedSocketsOptions options, ILoggerFactory loggers)
        : base(TEndpoint.Ref, TEndpoint.OutboundEvents, TEndpoint.InboundEvents, bus, options, loggers,
            (TimeProvider?)services.GetService(typeof(TimeProvider)) ?? TimeProvider.System)
    {
        _services = services;
    }

    public override SlowConsumerPolicy SlowConsumerPolicy => TEndpoint.SlowConsumerPolicy ?? Options.SlowConsumerPolicy;

    public override bool AllowBinaryFrames => TEndpoint.AllowBinaryFrames;

    /// <summary>The endpoint instance, a singleton of the app's services, bound to this host when created.</summary>
    private TEndpoint Endpoint => _endpoint ??= _services.GetRequiredService<TEndpoint>();

    protected override ValueTask OnConnectedAsync(SocketClient client, CancellationToken cancellationToken) =>
        TEndpoint.OnConnectedAsync(Endpoint, client, cancellationToken);

    protected override ValueTask OnDisconnectedAsync(SocketClient client, CancellationToken cancellationToken) =>
        TEndpoint.OnDisconnectedAsync(Endpoint, client, cancellationToken);

    internal override ValueTask DispatchAsync(SocketInvocation invocation) => TEndpoint.DispatchAsync(Endpoint, invocation);
}
