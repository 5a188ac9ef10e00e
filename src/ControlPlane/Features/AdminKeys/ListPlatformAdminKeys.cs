using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.AdminKeys;

/// <summary>GET /api/admin-keys (platform admins): the platform keys, revoked ones too, newest first.</summary>
public static class ListPlatformAdminKeys
{
    public static async Task<Ok<AdminKeyDto[]>> HandleAsync(ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var keys = await db.AdminApiKeys.AsNoTracking().Where(k => k.TenantId == null)
            .OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(keys.Select(k => k.ToDto()).ToArray());
    }
}
