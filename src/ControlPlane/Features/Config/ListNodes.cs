using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Config;

/// <summary>GET /api/nodes (platform admins): the revision each node last reported.</summary>
public static class ListNodes
{
    public static async Task<Ok<NodeStatusDto[]>> HandleAsync(ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var nodes = await db.NodeStatuses.AsNoTracking().OrderBy(n => n.NodeId).ToListAsync(cancellationToken);
        return TypedResults.Ok(nodes.Select(n => new NodeStatusDto(n.NodeId, n.Revision, n.Succeeded, n.Error, n.LastSeen)).ToArray());
    }
}
