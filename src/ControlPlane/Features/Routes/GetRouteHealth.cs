using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Routes;

/// <summary>
/// GET /api/tenants/{tenantId}/routes/{routeId}/health (members): for each deployment of the route, in the route's order, each
/// node's latest report, by node id. Nodes whose report is older than <see cref="RouteHealth.StaleAfter"/> are left out; a
/// deployment no node has reported yet has no entry.
/// </summary>
public static class GetRouteHealth
{
    public static async Task<Results<Ok<RouteHealthDto>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid routeId, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var found = await db.ModelRoutes.AsNoTracking().FindOwnedAsync(tenantId, routeId, "The route", cancellationToken);
        if (found.IsMissing)
        {
            return found.NotFound;
        }

        var route = found.Row;
        var since = time.GetUtcNow() - RouteHealth.StaleAfter;
        var rows = await db.DeploymentNodeHealth.AsNoTracking()
            .Where(h => h.TenantId == tenantId && h.RouteId == routeId && h.ReportedAt >= since)
            .ToListAsync(cancellationToken);
        var position = route.Deployments.ToDictionary(d => d.Id, d => d.Position);
        var health = rows
            .Where(h => position.ContainsKey(h.DeploymentId))
            .OrderBy(h => position[h.DeploymentId]).ThenBy(h => h.NodeId, StringComparer.Ordinal)
            .Select(h => h.ToDto())
            .ToArray();
        return TypedResults.Ok(new RouteHealthDto(route.Id, route.PublicModel, health));
    }
}
