using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>
/// Counts each newly stored usage record's cost once into the <see cref="BudgetSpend"/> of every level (key, team, tenant)
/// that has a budget, in the period of the record's time in the tenant's zone — inside the transaction that stored the
/// records (<see cref="IUsageIngestStep"/>) — and records a <see cref="BudgetAlert"/> for every threshold the spend crossed.
/// Each counter moves with one <c>UPDATE … SET SpentMicros = SpentMicros + delta</c> (concurrent batches cannot lose an
/// update); the first record of a period inserts the row.
/// </summary>
public sealed class BudgetSpendStep(TimeProvider time) : IUsageIngestStep
{
    public async Task OnStoredAsync(ControlPlaneDbContext db, IReadOnlyList<UsageRecordEntity> stored, CancellationToken cancellationToken)
    {
        var costly = stored.Where(r => r.CostMicros > 0).ToList();
        if (costly.Count == 0)
        {
            return;
        }

        var budgets = await BudgetLevels.LoadAsync(db, costly.Select(r => r.TenantId), costly.Select(r => r.TeamId), costly.Select(r => r.KeyId), cancellationToken);
        var deltas = new Dictionary<(string Scope, Guid Owner, string Period), (Guid Tenant, Budget Budget, long Delta)>();
        foreach (var record in costly)
        {
            var zone = budgets.Zone(record.TenantId);
            Add(deltas, BudgetScopes.Key, record.KeyId, record, budgets.OfKey(record.KeyId), zone);
            Add(deltas, BudgetScopes.Team, record.TeamId, record, budgets.OfTeam(record.TeamId), zone);
            Add(deltas, BudgetScopes.Tenant, record.TenantId, record, budgets.OfTenant(record.TenantId), zone);
        }

        var now = time.GetUtcNow();
        foreach (var ((scope, owner, period), (tenant, budget, delta)) in deltas)
        {
            var updated = await db.BudgetSpend.IgnoreQueryFilters()
                .Where(s => s.Scope == scope && s.OwnerId == owner && s.PeriodKey == period)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.SpentMicros, b => b.SpentMicros + delta), cancellationToken);
            long after;
            if (updated == 0)
            {
                db.BudgetSpend.Add(new BudgetSpend { Scope = scope, OwnerId = owner, PeriodKey = period, TenantId = tenant, SpentMicros = delta });
                await db.SaveChangesAsync(cancellationToken);
                after = delta;
            }
            else
            {
                after = await db.BudgetSpend.IgnoreQueryFilters().AsNoTracking()
                    .Where(s => s.Scope == scope && s.OwnerId == owner && s.PeriodKey == period)
                    .Select(s => s.SpentMicros).FirstAsync(cancellationToken);
            }

            await BudgetAlerts.RecordCrossedAsync(db, tenant, scope, owner, period, budget, after - delta, after, now, cancellationToken);
        }
    }

    private static void Add(
        Dictionary<(string, Guid, string), (Guid, Budget, long)> deltas, string scope, Guid owner, UsageRecordEntity record, Budget? budget, TimeZoneInfo zone)
    {
        if (budget is null)
        {
            return;
        }

        var period = BudgetPeriods.Current(budget.Period, record.Timestamp, zone).Key;
        var key = (scope, owner, period);
        deltas[key] = deltas.TryGetValue(key, out var current)
            ? current with { Item3 = current.Item3 + record.CostMicros }
            : (record.TenantId, budget, record.CostMicros);
    }
}
