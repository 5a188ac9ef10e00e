using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.AdminKeys;

/// <summary>GET /api/tenants/{tenantId}/admin-keys (tenant admins): the tenant's keys, revoked ones too, newest first.</summary>
public static class ListAdminKeys
{
    public static async Task<Ok<AdminKeyDto[]>> HandleAsync(
        Guid tenantId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var keys = await db.AdminApiKeys.AsNoTracking().Where(k => k.TenantId == tenantId)
            .OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(keys.Select(k => k.ToDto()).ToArray());
    }
}
