using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.ApiKeys;

/// <summary>GET /api/tenants/{tenantId}/keys/{keyId}: a key of a team the caller may not see answers 404 (<see cref="KeyScope"/>).</summary>
public static class GetKey
{
    public static async Task<Results<Ok<KeyDto>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid keyId, Caller caller, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = await db.VirtualKeys.AsNoTracking().FindOwnedAsync(tenantId, keyId, "The key", cancellationToken);
        if (key.IsMissing || !(await KeyScope.ForAsync(caller, tenantId, db, cancellationToken)).CanSee(key.Row))
        {
            return Problems.NotFound("The key");
        }

        var lastUsed = await db.UsageRecords.AsNoTracking().Where(u => u.TenantId == tenantId && u.KeyId == keyId)
            .MaxAsync(u => (DateTimeOffset?)u.Timestamp, cancellationToken);
        return TypedResults.Ok(key.Row.ToDto(time.GetUtcNow(), lastUsed));
    }
}
