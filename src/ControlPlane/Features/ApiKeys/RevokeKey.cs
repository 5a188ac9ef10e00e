using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.ApiKeys;

/// <summary>POST /api/tenants/{tenantId}/keys/{keyId}/revoke (developers and admins). Idempotent; bumps the revision once.</summary>
public static class RevokeKey
{
    public static async Task<Results<Ok<KeyDto>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid keyId, Caller caller, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = await db.VirtualKeys.FirstOrDefaultAsync(k => k.TenantId == tenantId && k.Id == keyId, cancellationToken);
        if (key is null)
        {
            return Problems.NotFound("The key");
        }

        if (!caller.CanManageKeys)
        {
            return Problems.Forbidden("Your role cannot revoke keys.");
        }

        var now = time.GetUtcNow();
        if (key.Status != KeyStatus.Revoked)
        {
            key.Status = KeyStatus.Revoked;
            key.RevokedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(key.ToDto(now));
    }
}
