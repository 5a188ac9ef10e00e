using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Switchyard.DataPlane.Lifecycle;

/// <summary>Not ready from the moment the node starts to stop (SIGTERM), so load balancers stop sending it requests.</summary>
public sealed class DrainReadinessCheck(NodeDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.IsDraining
            ? HealthCheckResult.Unhealthy("The node is stopping.", data: new Dictionary<string, object> { ["requestsInFlight"] = drain.InFlight })
            : HealthCheckResult.Healthy("The node is serving."));
}
