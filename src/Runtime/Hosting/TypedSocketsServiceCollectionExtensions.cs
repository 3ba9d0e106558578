using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TypedSockets;
using TypedSockets.Bus;
using TypedSockets.Endpoints;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers TypedSockets services. Apps call the generated <c>AddTypedSockets()</c>, which
/// registers every endpoint of their assembly; these are the building blocks it uses, and the way
/// to register an endpoint that lives in another assembly.
/// </summary>
public static class TypedSocketsServiceCollectionExtensions
{
    /// <summary>Registers the runtime (options, the in-process bus) once; later calls only add configuration.</summary>
    public static IServiceCollection AddTypedSocketsCore(this IServiceCollection services, Action<TypedSocketsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TypedSocketsOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }
        services.TryAddSingleton<ISocketBus, InProcessSocketBus>();
        return services;
    }

    /// <summary>
    /// Registers one endpoint: the endpoint itself as a singleton (so server code can inject it and
    /// broadcast) and the host that runs it.
    /// </summary>
    public static IServiceCollection AddSocketEndpoint<TEndpoint>(this IServiceCollection services)
        where TEndpoint : SocketEndpoint, ISocketEndpoint<TEndpoint>
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddTypedSocketsCore();
        services.TryAddSingleton(static provider =>
        {
            var options = provider.GetRequiredService<IOptions<TypedSocketsOptions>>().Value;
            options.Validate();
            var host = new SocketEndpointHost<TEndpoint>(
                provider,
                provider.GetRequiredService<ISocketBus>(),
                options,
                provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance);
            // On shutdown every client is told (1001) after its queued frames are sent.
            provider.GetService<IHostApplicationLifetime>()?.ApplicationStopping.Register(
                static state => _ = ((SocketEndpointHost<TEndpoint>)state!).StopAsync(CloseReasons.ServerStopping),
                host);
            return host;
        });
        services.TryAddSingleton(static provider =>
        {
            var endpoint = TEndpoint.Create(provider);
            endpoint.Bind(provider.GetRequiredService<SocketEndpointHost<TEndpoint>>());
            return endpoint;
        });
        return services;
    }
}
