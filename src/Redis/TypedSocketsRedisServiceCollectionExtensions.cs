using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using TypedSockets.Bus;
using TypedSockets.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis bus.</summary>
public static class TypedSocketsRedisServiceCollectionExtensions
{
    /// <summary>
    /// Carries the endpoints' broadcasts, sends by client id, group changes and stops to every
    /// server of the app over Redis: <c>services.AddTypedSockets().AddTypedSocketsRedis("127.0.0.1:6379")</c>.
    /// Adds the health check <c>typedsockets-redis</c> (map it with <c>app.MapHealthChecks(…)</c>).
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configuration">The StackExchange.Redis configuration string.</param>
    /// <param name="configure">Sets the channel prefix and timings.</param>
    public static IServiceCollection AddTypedSocketsRedis(this IServiceCollection services, string configuration, Action<TypedSocketsRedisOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        services.AddOptions<TypedSocketsRedisOptions>().Configure(options =>
        {
            options.Configuration = configuration;
            configure?.Invoke(options);
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RedisSocketBus>();
        // Wins over the in-process default whether AddTypedSockets() came first or not.
        services.RemoveAll<ISocketBus>();
        services.AddSingleton<ISocketBus>(provider => provider.GetRequiredService<RedisSocketBus>());
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<RedisSocketBus>());
        services.AddHealthChecks().AddCheck<RedisBusHealthCheck>("typedsockets-redis", tags: ["typedsockets"]);
        return services;
    }
}
