using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.ApiKeys;

/// <summary>
/// POST /api/tenants/{tenantId}/keys/{keyId}/revoke (developers in the key's team, and admins; see <see cref="KeyScope"/>).
/// Idempotent; bumps the revision once.
/// </summary>
public static class RevokeKey
{
    public static async Task<Results<Ok<KeyDto>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid keyId, Caller caller, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = await db.VirtualKeys.FindOwnedAsync(tenantId, keyId, "The key", cancellationToken);
        var scope = await KeyScope.ForAsync(caller, tenantId, db, cancellationToken);
        if (key.IsMissing || !scope.CanSee(key.Row))
        {
            return Problems.NotFound("The key");
        }

        if (scope.RefuseChange(key.Row) is { } refused)
        {
            return refused;
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
