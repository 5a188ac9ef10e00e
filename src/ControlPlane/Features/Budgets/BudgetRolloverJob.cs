using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>
/// Hourly, the budget period rollover: the counters of a new period are named by it, so nodes and the ledger start it at
/// zero on their own; this job starts each level's new period from the ledger right away (<see cref="BudgetReconciliationJob"/>)
/// and forgets ledger counters and alerts of periods that ended more than <see cref="History"/> ago.
/// </summary>
public sealed class BudgetRolloverJob(ControlPlaneDbContext db, BudgetReconciliationJob reconciliation, TimeProvider time)
{
    public const string Id = "switchyard-budget-rollover";
    public static readonly TimeSpan History = TimeSpan.FromDays(400);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await reconciliation.RunAsync(cancellationToken);
        var cutoff = time.GetUtcNow() - History;
        var old = (await db.BudgetSpend.IgnoreQueryFilters().AsNoTracking().Select(s => s.PeriodKey).Distinct().ToListAsync(cancellationToken))
            .Where(p => PeriodStart(p) is { } start && start < cutoff).ToList();
        if (old.Count == 0)
        {
            return 0;
        }

        await db.BudgetAlerts.IgnoreQueryFilters().Where(a => old.Contains(a.PeriodKey)).ExecuteDeleteAsync(cancellationToken);
        return await db.BudgetSpend.IgnoreQueryFilters().Where(s => old.Contains(s.PeriodKey)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The UTC date a period key starts on (approximately: the zone's offset is ignored); null for <c>total</c>.</summary>
    public static DateTimeOffset? PeriodStart(string key) =>
        key.Length > 1 && key != BudgetPeriods.TotalKey
        && DateTimeOffset.TryParseExact(key[0] == 'm' ? key[1..] + "-01" : key[1..], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var start)
            ? start
            : null;
}
