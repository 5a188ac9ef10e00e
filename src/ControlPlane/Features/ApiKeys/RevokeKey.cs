using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.ApiKeys;

/// <summary>POST /api/tenants/{tenantId}/keys/{keyId}/revoke (developers and admins). Idempotent; bumps the revision once.</summary>
public static class RevokeKey
{
    public static async Task<Results<Ok<KeyDto>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid keyId, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = await db.VirtualKeys.FindOwnedAsync(tenantId, keyId, "The key", cancellationToken);
        if (key.IsMissing)
        {
            return key.NotFound;
        }

        var now = time.GetUtcNow();
        if (key.Row.Status != KeyStatus.Revoked)
        {
            key.Row.Status = KeyStatus.Revoked;
            key.Row.RevokedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(key.Row.ToDto(now));
    }
}
