using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Routes;

/// <summary>
/// DELETE /api/tenants/{tenantId}/routes/{routeId} (tenant admins): 409 naming the routes that list it as a fallback (remove it
/// there first). Bumps the revision.
/// </summary>
public static class DeleteRoute
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid routeId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var route = await db.ModelRoutes.FindOwnedAsync(tenantId, routeId, "The route", cancellationToken);
        if (route.IsMissing)
        {
            return route.NotFound;
        }

        if (await FallbackReferences.ProblemIfReferencedAsync(db, tenantId, route.Row, "deleted", cancellationToken) is { } referenced)
        {
            return referenced;
        }

        db.ModelRoutes.Remove(route.Row);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
