using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Pricing;

/// <summary>GET /api/tenants/{tenantId}/pricing (members): the tenant's price overrides (none: no discount, no model prices).</summary>
public static class GetTenantPricing
{
    public static async Task<Ok<TenantPricingDto>> HandleAsync(Guid tenantId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var pricing = await db.TenantPricing.AsNoTracking().FirstOrDefaultAsync(p => p.TenantId == tenantId, cancellationToken);
        return TypedResults.Ok(pricing?.ToDto() ?? new TenantPricingDto(tenantId, null, [], null, null));
    }
}
