using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>GET /api/tenants/{tenantId}/scim/tokens (tenant admins): the tenant's SCIM tokens, revoked ones too, newest first.</summary>
public static class ListScimTokens
{
    public static async Task<Ok<ScimTokenDto[]>> HandleAsync(Guid tenantId, ControlPlaneDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ForTenantAsync(db, tenantId, cancellationToken));

    internal static async Task<ScimTokenDto[]> ForTenantAsync(ControlPlaneDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        var tokens = await db.ScimTokens.AsNoTracking().Where(t => t.TenantId == tenantId).ToListAsync(cancellationToken);
        return [.. tokens.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id).Select(t => t.ToDto())];
    }
}
