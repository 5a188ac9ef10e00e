using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>GET /api/tenants/{tenantId}/budgets/settings (tenant admins): the webhook budget alerts are posted to.</summary>
public static class GetBudgetSettings
{
    public static async Task<BudgetSettingsDto> HandleAsync(Guid tenantId, ControlPlaneDbContext db, CancellationToken cancellationToken) =>
        new((await db.BudgetSettings.AsNoTracking().FirstOrDefaultAsync(s => s.TenantId == tenantId, cancellationToken))?.WebhookUrl);
}
