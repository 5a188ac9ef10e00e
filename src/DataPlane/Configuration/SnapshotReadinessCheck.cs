using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Switchyard.DataPlane.Configuration;

/// <summary>Ready once the node holds a config snapshot.</summary>
public sealed class SnapshotReadinessCheck(SnapshotStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(store.Current is { } snapshot
            ? HealthCheckResult.Healthy($"Config revision {snapshot.Revision}.")
            : HealthCheckResult.Unhealthy("No config snapshot loaded yet."));
}
