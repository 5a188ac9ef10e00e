using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Features.Routes;

/// <summary>DELETE /api/tenants/{tenantId}/routes/{routeId} (tenant admins). Bumps the revision.</summary>
public static class DeleteRoute
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid routeId, Caller caller, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var route = await db.ModelRoutes.FirstOrDefaultAsync(r => r.TenantId == tenantId && r.Id == routeId, cancellationToken);
        if (route is null)
        {
            return Problems.NotFound("The route");
        }

        if (!caller.IsTenantAdmin)
        {
            return Problems.Forbidden("Only tenant administrators can change routes.");
        }

        db.ModelRoutes.Remove(route);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
