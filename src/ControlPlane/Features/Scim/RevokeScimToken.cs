using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// DELETE /api/tenants/{tenantId}/scim/tokens/{id} (tenant admins): sets RevokedAt. Idempotent; the token stops
/// authenticating on its next request (every SCIM request looks the token up).
/// </summary>
public static class RevokeScimToken
{
    public static async Task<Results<Ok<ScimTokenDto>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid id, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var token = await db.ScimTokens.FirstOrDefaultAsync(t => t.TenantId == tenantId && t.Id == id, cancellationToken);
        if (token is null)
        {
            return Problems.NotFound("The SCIM token");
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(token.ToDto());
    }
}
