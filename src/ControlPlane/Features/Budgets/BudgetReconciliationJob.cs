using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>
/// Every minute: for every budget level, the ledger's spend in its current period (the sum of the stored usage records'
/// cost) is the truth. The level's <see cref="BudgetSpend"/> row is set to it (a budget added or changed mid-period, a
/// new period: the row starts from the records), and the nodes' Redis counter is raised to it when below (Redis flushed
/// or restarted, a settlement lost) — never lowered, since the counter also holds reservations in flight and costs not
/// yet ingested. So a lost Redis converges within a minute of the ledger.
/// </summary>
public sealed class BudgetReconciliationJob(ControlPlaneDbContext db, BudgetRedis redis, IOptions<BudgetsOptions> options, TimeProvider time, ILogger<BudgetReconciliationJob> logger)
{
    public const string Id = "switchyard-budget-reconciliation";

    public async Task<BudgetReconciliation> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var levels = await BudgetLevel.AllAsync(db, cancellationToken);
        var corrected = 0;
        var counters = new List<(string Counter, long LedgerMicros)>(levels.Count);
        foreach (var level in levels)
        {
            var window = BudgetPeriods.Current(level.Budget.Period, now, level.Zone);
            var records = db.UsageRecords.IgnoreQueryFilters().AsNoTracking();
            records = level.Scope switch
            {
                BudgetScopes.Key => records.Where(r => r.KeyId == level.Owner),
                BudgetScopes.Team => records.Where(r => r.TeamId == level.Owner),
                _ => records.Where(r => r.TenantId == level.Owner),
            };
            if (window.Key != BudgetPeriods.TotalKey)
            {
                records = records.Where(r => r.Timestamp >= window.Start && r.Timestamp < window.End);
            }

            var ledger = await records.SumAsync(r => (long?)r.CostMicros, cancellationToken) ?? 0;
            if (await SetAsync(level, window.Key, ledger, cancellationToken))
            {
                corrected++;
            }

            counters.Add((BudgetRedis.CounterName(options.Value.KeyPrefix, level.Scope, level.Owner, window.Key), ledger));
        }

        var raised = await redis.RaiseAsync(counters, TimeSpan.FromDays(options.Value.SpendExpiryDays));
        BudgetsLog.Reconciled(logger, levels.Count, corrected, raised ?? 0);
        return new BudgetReconciliation(levels.Count, corrected, raised);
    }

    /// <summary>Sets the ledger counter; true when it was missing or differed.</summary>
    private async Task<bool> SetAsync(BudgetLevel level, string period, long ledger, CancellationToken cancellationToken)
    {
        var row = await db.BudgetSpend.IgnoreQueryFilters()
            .FirstOrDefaultAsync(s => s.Scope == level.Scope && s.OwnerId == level.Owner && s.PeriodKey == period, cancellationToken);
        if (row is not null && row.SpentMicros == ledger)
        {
            return false;
        }

        if (row is null)
        {
            db.BudgetSpend.Add(new BudgetSpend { Scope = level.Scope, OwnerId = level.Owner, PeriodKey = period, TenantId = level.Tenant, SpentMicros = ledger });
        }
        else
        {
            row.SpentMicros = ledger;
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

}

/// <param name="Raised">Redis counters raised to the ledger; null when Redis is not configured or was unreachable.</param>
public sealed record BudgetReconciliation(int Levels, int Corrected, int? Raised);
