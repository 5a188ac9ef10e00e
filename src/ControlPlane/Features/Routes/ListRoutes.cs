using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Routes;

/// <summary>GET /api/tenants/{tenantId}/routes.</summary>
public static class ListRoutes
{
    public static async Task<Ok<RouteDto[]>> HandleAsync(Guid tenantId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var routes = await db.ModelRoutes.AsNoTracking().Where(r => r.TenantId == tenantId).OrderBy(r => r.PublicModel).ToListAsync(cancellationToken);
        return TypedResults.Ok(routes.Select(r => r.ToDto()).ToArray());
    }
}
