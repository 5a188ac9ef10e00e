using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.ApiKeys;

/// <summary>GET /api/tenants/{tenantId}/keys/{keyId}.</summary>
public static class GetKey
{
    public static async Task<Results<Ok<KeyDto>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid keyId, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = await db.VirtualKeys.AsNoTracking().FirstOrDefaultAsync(k => k.TenantId == tenantId && k.Id == keyId, cancellationToken);
        return key is null ? Problems.NotFound("The key") : TypedResults.Ok(key.ToDto(time.GetUtcNow()));
    }
}
