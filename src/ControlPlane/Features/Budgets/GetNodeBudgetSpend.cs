using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>
/// GET /internal/budgets/spend (node secret): the ledger's spend of every budget level in its current period, for nodes
/// that keep their budget counters in memory (<c>RateLimiting:Store=InProcess</c>): a restarted node starts from it
/// instead of from zero.
/// </summary>
public static class GetNodeBudgetSpend
{
    public static async Task<IReadOnlyList<BudgetSpendEntry>> HandleAsync(ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = (await BudgetLevel.AllAsync(db, cancellationToken))
            .Select(l => (l.Scope, l.Owner, Period: BudgetPeriods.Current(l.Budget.Period, now, l.Zone).Key))
            .ToHashSet();
        var owners = current.Select(c => c.Owner).ToHashSet();
        var rows = await db.BudgetSpend.IgnoreQueryFilters().AsNoTracking().Where(s => owners.Contains(s.OwnerId) && s.SpentMicros > 0).ToListAsync(cancellationToken);
        return rows.Where(r => current.Contains((r.Scope, r.OwnerId, r.PeriodKey)))
            .Select(r => new BudgetSpendEntry(r.Scope, r.OwnerId, r.PeriodKey, r.SpentMicros)).ToList();
    }
}
