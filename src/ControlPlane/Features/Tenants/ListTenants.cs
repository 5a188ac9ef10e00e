using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Tenants;

/// <summary>GET /api/tenants: every tenant for a platform admin, the caller's own otherwise.</summary>
public static class ListTenants
{
    public static async Task<Ok<TenantDto[]>> HandleAsync(Caller caller, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Tenants.AsNoTracking();
        if (!caller.IsPlatformAdmin)
        {
            query = query.Where(t => t.Id == caller.TenantId);
        }

        var tenants = await query.OrderBy(t => t.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(tenants.Select(t => t.ToDto()).ToArray());
    }
}
