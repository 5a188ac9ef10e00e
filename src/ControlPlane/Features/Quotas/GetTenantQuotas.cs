using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Quotas;

/// <summary>GET /api/tenants/{tenantId}/quotas (members): effective quotas, defaults, overrides and current usage.</summary>
public static class GetTenantQuotas
{
    public static async Task<Results<Ok<TenantQuotasDto>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, ControlPlaneDbContext db, TenantQuotas quotas, CancellationToken cancellationToken)
    {
        if (!await db.Tenants.AsNoTracking().AnyAsync(t => t.Id == tenantId, cancellationToken))
        {
            return Problems.NotFound("The tenant");
        }

        var overrides = await db.TenantQuotas.AsNoTracking().FirstOrDefaultAsync(q => q.TenantId == tenantId, cancellationToken);
        return TypedResults.Ok(await ToDtoAsync(tenantId, overrides?.ToOverrides() ?? new TenantQuotaOverrides(), db, quotas, cancellationToken));
    }

    internal static async Task<TenantQuotasDto> ToDtoAsync(
        Guid tenantId, TenantQuotaOverrides overrides, ControlPlaneDbContext db, TenantQuotas quotas, CancellationToken cancellationToken) => new(
        tenantId,
        TenantQuota.Apply(quotas.Defaults, overrides),
        quotas.Defaults,
        overrides,
        await QuotaUsage.CountAsync(db, tenantId, cancellationToken));
}
