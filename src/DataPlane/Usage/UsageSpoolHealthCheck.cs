using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Switchyard.DataPlane.Usage;

/// <summary>
/// Not ready while the usage spool cannot write to disk (full disk, I/O error): the node keeps serving what reaches it,
/// but a load balancer should send traffic to nodes that can account for it. Records wait in memory meanwhile.
/// </summary>
public sealed class UsageSpoolHealthCheck(UsageSpoolHealth health, UsageQueue queue, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (health.Current is not { } failure)
        {
            return Task.FromResult(HealthCheckResult.Healthy("The usage spool writes normally."));
        }

        var data = new Dictionary<string, object>
        {
            ["failingSince"] = failure.Since,
            ["failingForSeconds"] = Math.Round((time.GetUtcNow() - failure.Since).TotalSeconds, 1),
            ["operation"] = failure.Operation,
            ["attempts"] = failure.Count,
            ["recordsWaiting"] = queue.Count,
        };
        return Task.FromResult(HealthCheckResult.Unhealthy($"The usage spool cannot write to disk ({failure.Operation} failed: {failure.ExceptionType}).", data: data));
    }
}
