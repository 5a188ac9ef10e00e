using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Switchyard.ControlPlane.Infrastructure.Database;

/// <summary>Ready when the database answers.</summary>
internal sealed class DatabaseHealthCheck(ControlPlaneDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The control plane database does not answer.");
}
