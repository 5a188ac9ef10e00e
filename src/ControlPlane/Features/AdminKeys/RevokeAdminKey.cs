using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.AdminKeys;

/// <summary>
/// DELETE /api/tenants/{tenantId}/admin-keys/{id} (tenant admins): sets RevokedAt. Idempotent; the key stops
/// authenticating on its next request (every request looks the key up).
/// </summary>
public static class RevokeAdminKey
{
    public static async Task<Results<Ok<AdminKeyDto>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid id, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = await db.AdminApiKeys.FirstOrDefaultAsync(k => k.TenantId == tenantId && k.Id == id, cancellationToken);
        if (key is null)
        {
            return Problems.NotFound("The admin key");
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(key.ToDto());
    }
}
