using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>Daily: forgets nodes not seen for 7 days and usage older than <c>Usage:RetentionDays</c>.</summary>
public sealed class RetentionPurgeJob(ControlPlaneDbContext db, IOptions<UsageOptions> usage, TimeProvider time)
{
    public const string Id = "switchyard-retention-purge";
    public static readonly TimeSpan NodeRetention = TimeSpan.FromDays(7);

    public async Task<(int Nodes, int UsageRecords)> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var nodeCutoff = now - NodeRetention;
        var usageCutoff = now.AddDays(-usage.Value.RetentionDays);
        var nodes = await db.NodeStatuses.Where(n => n.LastSeen < nodeCutoff).ExecuteDeleteAsync(cancellationToken);
        var records = await db.UsageRecords.IgnoreQueryFilters().Where(u => u.Timestamp < usageCutoff).ExecuteDeleteAsync(cancellationToken);
        return (nodes, records);
    }
}
