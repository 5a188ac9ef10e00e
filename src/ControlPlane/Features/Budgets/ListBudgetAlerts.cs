using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>GET /api/tenants/{tenantId}/budgets/alerts (members): the latest budget alerts (at most 200), newest first.</summary>
public static class ListBudgetAlerts
{
    public static async Task<IReadOnlyList<BudgetAlertDto>> HandleAsync(Guid tenantId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var alerts = await db.BudgetAlerts.AsNoTracking().Where(a => a.TenantId == tenantId)
            .OrderByDescending(a => a.Id).Take(200).ToListAsync(cancellationToken);
        return alerts.ConvertAll(a => a.ToDto());
    }
}
