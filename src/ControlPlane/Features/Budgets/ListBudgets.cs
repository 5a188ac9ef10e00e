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
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => new { t.Id, t.Name, t.Budget, t.TimeZone }).FirstOrDefaultAsync(cancellationToken);
        if (tenant is null)
        {
            return [];
        }

        var levels = new List<(string Scope, Guid Id, string Name, Budget Budget)>();
        if (tenant.Budget is not null)
        {
            levels.Add((BudgetScopes.Tenant, tenant.Id, tenant.Name, tenant.Budget));
        }

        levels.AddRange((await db.Teams.AsNoTracking().Where(t => t.TenantId == tenantId && t.Budget != null).Select(t => new { t.Id, t.Name, t.Budget }).ToListAsync(cancellationToken))
            .OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => (BudgetScopes.Team, t.Id, t.Name, t.Budget!)));
        levels.AddRange((await db.VirtualKeys.AsNoTracking().Where(k => k.TenantId == tenantId && k.Budget != null).Select(k => new { k.Id, k.Name, k.Budget }).ToListAsync(cancellationToken))
            .OrderBy(k => k.Name, StringComparer.Ordinal).Select(k => (BudgetScopes.Key, k.Id, k.Name, k.Budget!)));

        var spend = await db.BudgetSpend.AsNoTracking().Where(s => s.TenantId == tenantId).ToListAsync(cancellationToken);
        var spent = spend.ToDictionary(s => (s.Scope, s.OwnerId, s.PeriodKey), s => s.SpentMicros);
        var zone = BudgetPeriods.Zone(tenant.TimeZone);
        var now = time.GetUtcNow();
        return levels.Select(level =>
        {
            var window = BudgetPeriods.Current(level.Budget.Period, now, zone);
            var micros = spent.GetValueOrDefault((level.Scope, level.Id, window.Key));
            var total = window.Key == BudgetPeriods.TotalKey;
            return new BudgetStatusDto(
                level.Scope, level.Id, level.Name, level.Budget.AmountUsd, level.Budget.Period, window.Key, micros / 1_000_000m,
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
