using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>Records the alerts of the thresholds a spend change crossed (once per threshold and period).</summary>
public static class BudgetAlerts
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";

    public static async Task RecordCrossedAsync(
        ControlPlaneDbContext db, Guid tenantId, string scope, Guid owner, string period, Budget budget, long before, long after, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var amount = budget.AmountMicros;
        var crossed = budget.Thresholds.Where(t => before < Threshold(amount, t) && after >= Threshold(amount, t)).ToList();
        if (crossed.Count == 0)
        {
            return;
        }

        var recorded = await db.BudgetAlerts.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.Scope == scope && a.OwnerId == owner && a.PeriodKey == period)
            .Select(a => a.ThresholdPercent).ToListAsync(cancellationToken);
        var webhook = await db.BudgetSettings.IgnoreQueryFilters().AsNoTracking()
            .AnyAsync(s => s.TenantId == tenantId && s.WebhookUrl != null, cancellationToken);
        foreach (var threshold in crossed.Except(recorded))
        {
            db.BudgetAlerts.Add(new BudgetAlert
            {
                Id = Guid.CreateVersion7(now),
                TenantId = tenantId,
                Scope = scope,
                OwnerId = owner,
                PeriodKey = period,
                ThresholdPercent = threshold,
                SpentMicros = after,
                AmountMicros = amount,
                CreatedAt = now,
                WebhookStatus = webhook ? Pending : null,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static decimal Threshold(long amount, int percent) => amount * (decimal)percent / 100m;
}
