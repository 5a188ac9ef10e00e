using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Config;

/// <summary>
/// GET /api/nodes (platform admins): the revision each node last reported, which item of which tenant it left out of
/// that revision and why, and its latest status report (snapshot confirmation, usage spool, readiness).
/// </summary>
public static class ListNodes
{
    public static async Task<Ok<NodeStatusDto[]>> HandleAsync(ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var nodes = await db.NodeStatuses.AsNoTracking().Include(n => n.Rejected).OrderBy(n => n.NodeId).ToListAsync(cancellationToken);
        return TypedResults.Ok(nodes.Select(n => new NodeStatusDto(
            n.NodeId, n.Revision, n.Succeeded, n.Error, n.StatusReportedAt > n.LastSeen ? n.StatusReportedAt.Value : n.LastSeen,
            n.Rejected.OrderBy(r => r.TenantId).ThenBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.ItemId)
                .Select(r => new RejectedItemDto(r.TenantId, r.Kind, r.ItemId, r.Reason)).ToArray(),
            n.StatusReportedAt, n.SnapshotConfirmedAt, n.SpoolSegments, n.SpoolAgeSeconds, n.Ready, n.InFlight)).ToArray());
    }
}
