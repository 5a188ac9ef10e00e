using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Routes;

/// <summary>Hourly: deletes the deployment health rows not reported for <see cref="RouteHealth.RetainFor"/> (nodes gone).</summary>
public sealed class DeploymentHealthPurgeJob(ControlPlaneDbContext db, TimeProvider time)
{
    public const string Id = "switchyard-deployment-health-purge";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - RouteHealth.RetainFor;
        return await db.DeploymentNodeHealth.IgnoreQueryFilters().Where(h => h.ReportedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
