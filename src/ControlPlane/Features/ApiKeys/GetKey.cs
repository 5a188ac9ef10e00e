using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.ApiKeys;

/// <summary>GET /api/tenants/{tenantId}/keys/{keyId}.</summary>
public static class GetKey
{
    public static async Task<Results<Ok<KeyDto>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid keyId, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = await db.VirtualKeys.AsNoTracking().FindOwnedAsync(tenantId, keyId, "The key", cancellationToken);
        return key.IsMissing ? key.NotFound : TypedResults.Ok(key.Row.ToDto(time.GetUtcNow()));
    }
}
