using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Tenants;

/// <summary>GET /api/tenants/{tenantId} (members of the tenant and platform admins).</summary>
public static class GetTenant
{
    public static async Task<Results<Ok<TenantDto>, ProblemHttpResult>> HandleAsync(Guid tenantId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.FindAsync([tenantId], cancellationToken);
        return tenant is null ? Problems.NotFound("The tenant") : TypedResults.Ok(tenant.ToDto());
    }
}
