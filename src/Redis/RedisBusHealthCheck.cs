using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TypedSockets.Redis;

/// <summary>
/// Healthy while the Redis bus is connected and its subscription carries its heartbeats; Degraded
/// during an outage or with a dead subscription (the server still serves its own clients).
/// </summary>
internal sealed class RedisBusHealthCheck(RedisSocketBus bus) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problem = bus.Problem;
        var data = new Dictionary<string, object>
        {
            ["node"] = bus.Node.ToString("N"),
            ["dropped"] = bus.Dropped,
            ["rejected"] = bus.Rejected,
        };
        return Task.FromResult(problem is null
            ? HealthCheckResult.Healthy("Redis bus connected.", data)
            : HealthCheckResult.Degraded("Redis bus: " + problem + " Local delivery goes on; cross-server delivery does not.", data: data));
    }
}
