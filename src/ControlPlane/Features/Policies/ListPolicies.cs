using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Policies;

/// <summary>GET /api/tenants/{tenantId}/policies.</summary>
public static class ListPolicies
{
    public static async Task<Ok<PolicyDto[]>> HandleAsync(Guid tenantId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var policies = await db.Policies.AsNoTracking().Where(p => p.TenantId == tenantId).OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(policies.Select(p => p.ToDto()).ToArray());
    }
}
