using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Switchyard.DataPlane.Limits;

/// <summary>
/// Reports the Redis limit store: Degraded (never Unhealthy: the node keeps serving on its local share) while Redis
/// is not connected, does not answer the heartbeat, or the breaker is open.
/// </summary>
public sealed class RateLimitStoreHealthCheck(RedisLimitConnection connection, RedisLimitStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!connection.IsConnected || connection.HeartbeatFailing || store.Breaker.IsOpen)
        {
            return Task.FromResult(HealthCheckResult.Degraded(
                $"Redis for rate limits is unreachable: each limit is enforced as this node's share (1/{connection.LiveNodes})."));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"Rate limits shared in Redis by {connection.LiveNodes} node(s)."));
    }
}
