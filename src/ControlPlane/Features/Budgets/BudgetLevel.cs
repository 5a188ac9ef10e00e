using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>A key, team or tenant with a budget, its name, and the time zone (its tenant's) its periods start in.</summary>
public sealed record BudgetLevel(string Scope, Guid Owner, Guid Tenant, string Name, Budget Budget, TimeZoneInfo Zone)
{
    /// <summary>Every budget level of every tenant (reconciliation, the nodes' spend endpoint).</summary>
    public static Task<List<BudgetLevel>> AllAsync(ControlPlaneDbContext db, CancellationToken cancellationToken) =>
        ReadAsync(db, null, null, null, null, cancellationToken);

    /// <summary>One tenant's budget levels: its own, its teams', its keys'.</summary>
    public static Task<List<BudgetLevel>> OfTenantAsync(ControlPlaneDbContext db, Guid tenantId, CancellationToken cancellationToken) =>
        ReadAsync(db, tenantId, null, null, null, cancellationToken);

    /// <summary>The budget levels among the given tenants, teams and keys (the usage ingest step).</summary>
    public static Task<List<BudgetLevel>> OfAsync(
        ControlPlaneDbContext db, IEnumerable<Guid> tenantIds, IEnumerable<Guid> teamIds, IEnumerable<Guid> keyIds, CancellationToken cancellationToken) =>
        ReadAsync(db, null, tenantIds.Distinct().ToList(), teamIds.Distinct().ToList(), keyIds.Distinct().ToList(), cancellationToken);

    /// <summary>
    /// Three queries (tenants, teams, keys), narrowed to one tenant or to sets of ids when given. Teams and keys are read
    /// past the tenant query filter: the narrowing is explicit here, and a background job has no tenant.
    /// </summary>
    private static async Task<List<BudgetLevel>> ReadAsync(
        ControlPlaneDbContext db, Guid? tenantId, List<Guid>? tenantIds, List<Guid>? teamIds, List<Guid>? keyIds, CancellationToken cancellationToken)
    {
        var tenantQuery = db.Tenants.AsNoTracking();
        var teamQuery = db.Teams.IgnoreQueryFilters().AsNoTracking().Where(t => t.Budget != null);
        var keyQuery = db.VirtualKeys.IgnoreQueryFilters().AsNoTracking().Where(k => k.Budget != null);
        if (tenantId is { } only)
        {
            tenantQuery = tenantQuery.Where(t => t.Id == only);
            teamQuery = teamQuery.Where(t => t.TenantId == only);
            keyQuery = keyQuery.Where(k => k.TenantId == only);
        }

        if (tenantIds is not null)
        {
            tenantQuery = tenantQuery.Where(t => tenantIds.Contains(t.Id));
        }

        if (teamIds is not null)
        {
            teamQuery = teamQuery.Where(t => teamIds.Contains(t.Id));
        }

        if (keyIds is not null)
        {
            keyQuery = keyQuery.Where(k => keyIds.Contains(k.Id));
        }

        // Every tenant in scope is read, with or without a budget of its own: its zone is its teams' and keys' zone.
        var tenants = await tenantQuery.Select(t => new { t.Id, t.Name, t.Budget, t.TimeZone }).ToListAsync(cancellationToken);
        var zones = tenants.ToDictionary(t => t.Id, t => BudgetPeriods.Zone(t.TimeZone));
        var levels = tenants.Where(t => t.Budget is not null)
            .Select(t => new BudgetLevel(BudgetScopes.Tenant, t.Id, t.Id, t.Name, t.Budget!, zones[t.Id])).ToList();
        var teams = await teamQuery.Select(t => new { t.Id, t.TenantId, t.Name, t.Budget }).ToListAsync(cancellationToken);
        levels.AddRange(teams.Select(t => new BudgetLevel(BudgetScopes.Team, t.Id, t.TenantId, t.Name, t.Budget!, ZoneOf(zones, t.TenantId))));
        var keys = await keyQuery.Select(k => new { k.Id, k.TenantId, k.Name, k.Budget }).ToListAsync(cancellationToken);
        levels.AddRange(keys.Select(k => new BudgetLevel(BudgetScopes.Key, k.Id, k.TenantId, k.Name, k.Budget!, ZoneOf(zones, k.TenantId))));
        return levels;
    }

    private static TimeZoneInfo ZoneOf(Dictionary<Guid, TimeZoneInfo> zones, Guid tenantId) => zones.GetValueOrDefault(tenantId) ?? TimeZoneInfo.Utc;
}
