using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>GET /api/tenants/{tenantId}/chargeback/settings (finance): the shared cost (none: 0).</summary>
public static class GetChargebackSettings
{
    public static async Task<Ok<ChargebackSettingsDto>> HandleAsync(Guid tenantId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var settings = await db.Set<ChargebackSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.TenantId == tenantId, cancellationToken);
        return TypedResults.Ok(new ChargebackSettingsDto(settings?.SharedCostMicros ?? 0, settings?.SharedCostLabel ?? ""));
    }
}
