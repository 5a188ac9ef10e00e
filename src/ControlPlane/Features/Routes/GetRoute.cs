using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Routes;

/// <summary>GET /api/tenants/{tenantId}/routes/{routeId} (members).</summary>
public static class GetRoute
{
    public static async Task<Results<Ok<RouteDto>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid routeId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var route = await db.ModelRoutes.AsNoTracking().FindOwnedAsync(tenantId, routeId, "The route", cancellationToken);
        return route.IsMissing ? route.NotFound : TypedResults.Ok(route.Row.ToDto());
    }
}
