using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>
/// GET /api/tenants/{tenantId}/budgets (members): every budget of the tenant — its own, its teams', its keys' — with the
/// ledger's spend in the current period (<see cref="BudgetSpend"/>) and a straight-line forecast to the period's end.
/// </summary>
public static class ListBudgets
{
    public static async Task<IReadOnlyList<BudgetStatusDto>> HandleAsync(Guid tenantId, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        // The tenant's own level first, then its teams' and its keys', each by name.
        var levels = (await BudgetLevel.OfTenantAsync(db, tenantId, cancellationToken))
            .OrderBy(l => l.Scope == BudgetScopes.Tenant ? 0 : l.Scope == BudgetScopes.Team ? 1 : 2)
            .ThenBy(l => l.Name, StringComparer.Ordinal)
            .ToList();
        if (levels.Count == 0)
        {
            return [];
        }

        var spend = await db.BudgetSpend.AsNoTracking().Where(s => s.TenantId == tenantId).ToListAsync(cancellationToken);
        var spent = spend.ToDictionary(s => (s.Scope, s.OwnerId, s.PeriodKey), s => s.SpentMicros);
        var now = time.GetUtcNow();
        return levels.Select(level =>
        {
            var window = BudgetPeriods.Current(level.Budget.Period, now, level.Zone);
            var micros = spent.GetValueOrDefault((level.Scope, level.Owner, window.Key));
            var total = window.Key == BudgetPeriods.TotalKey;
            return new BudgetStatusDto(
                level.Scope, level.Owner, level.Name, level.Budget.AmountUsd, level.Budget.Period, window.Key, micros / 1_000_000m,
                total ? null : window.Start, total ? null : window.End, total ? null : Forecast(micros, window, now));
        }).ToList();
    }

    /// <summary>The spend at the period's end if it goes on at the rate so far (USD).</summary>
    public static decimal Forecast(long spentMicros, BudgetWindow window, DateTimeOffset now)
    {
        var elapsed = (now - window.Start).TotalSeconds;
        var length = (window.End - window.Start).TotalSeconds;
        return elapsed <= 0 || length <= 0
            ? spentMicros / 1_000_000m
            : decimal.Round(spentMicros / 1_000_000m * (decimal)(length / elapsed), 6);
    }
}
