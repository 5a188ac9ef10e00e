using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>A key, team or tenant with a budget, and the time zone its periods start in.</summary>
public sealed record BudgetLevel(string Scope, Guid Owner, Guid Tenant, Budget Budget, TimeZoneInfo Zone)
{
    /// <summary>Every budget level of every tenant (three queries).</summary>
    public static async Task<List<BudgetLevel>> AllAsync(ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var tenants = await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Budget, t.TimeZone }).ToListAsync(cancellationToken);
        var zones = tenants.ToDictionary(t => t.Id, t => BudgetPeriods.Zone(t.TimeZone));
        var levels = tenants.Where(t => t.Budget is not null).Select(t => new BudgetLevel(BudgetScopes.Tenant, t.Id, t.Id, t.Budget!, zones[t.Id])).ToList();
        var teams = await db.Teams.IgnoreQueryFilters().AsNoTracking().Where(t => t.Budget != null).Select(t => new { t.Id, t.TenantId, t.Budget }).ToListAsync(cancellationToken);
        levels.AddRange(teams.Select(t => new BudgetLevel(BudgetScopes.Team, t.Id, t.TenantId, t.Budget!, zones.GetValueOrDefault(t.TenantId) ?? TimeZoneInfo.Utc)));
        var keys = await db.VirtualKeys.IgnoreQueryFilters().AsNoTracking().Where(k => k.Budget != null).Select(k => new { k.Id, k.TenantId, k.Budget }).ToListAsync(cancellationToken);
        levels.AddRange(keys.Select(k => new BudgetLevel(BudgetScopes.Key, k.Id, k.TenantId, k.Budget!, zones.GetValueOrDefault(k.TenantId) ?? TimeZoneInfo.Utc)));
        return levels;
    }
}
