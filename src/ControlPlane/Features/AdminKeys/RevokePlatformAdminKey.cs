using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.AdminKeys;

/// <summary>
/// DELETE /api/admin-keys/{id} (platform admins): sets RevokedAt. Idempotent; the key stops authenticating on its next
/// request. The last active platform key cannot be revoked (409), so the platform cannot lock itself out.
/// </summary>
public static class RevokePlatformAdminKey
{
    public static async Task<Results<Ok<AdminKeyDto>, ProblemHttpResult>> HandleAsync(
        Guid id, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = await db.AdminApiKeys.FirstOrDefaultAsync(k => k.TenantId == null && k.Id == id, cancellationToken);
        if (key is null)
        {
            return Problems.NotFound("The admin key");
        }

        if (key.RevokedAt is not null)
        {
            return TypedResults.Ok(key.ToDto());
        }

        var othersActive = await db.AdminApiKeys.AnyAsync(
            k => k.TenantId == null && k.Role == MemberRole.PlatformAdmin && k.RevokedAt == null && k.Id != id, cancellationToken);
        if (!othersActive)
        {
            return Problems.Conflict(
                "This is the last active platform admin key: revoking it would lock the platform out. Create another platform key first.");
        }

        key.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(key.ToDto());
    }
}
