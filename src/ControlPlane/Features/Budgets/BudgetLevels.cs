using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>The budgets (and tenants' time zones) of a set of keys, teams and tenants, read in three queries.</summary>
public sealed class BudgetLevels
{
    private readonly Dictionary<Guid, Budget> _keys;
    private readonly Dictionary<Guid, Budget> _teams;
    private readonly Dictionary<Guid, Budget> _tenants;
    private readonly Dictionary<Guid, TimeZoneInfo> _zones;

    private BudgetLevels(Dictionary<Guid, Budget> keys, Dictionary<Guid, Budget> teams, Dictionary<Guid, Budget> tenants, Dictionary<Guid, TimeZoneInfo> zones)
    {
        _keys = keys;
        _teams = teams;
        _tenants = tenants;
        _zones = zones;
    }

    public Budget? OfKey(Guid id) => _keys.GetValueOrDefault(id);

    public Budget? OfTeam(Guid id) => _teams.GetValueOrDefault(id);

    public Budget? OfTenant(Guid id) => _tenants.GetValueOrDefault(id);

    public TimeZoneInfo Zone(Guid tenantId) => _zones.GetValueOrDefault(tenantId) ?? TimeZoneInfo.Utc;

    public static async Task<BudgetLevels> LoadAsync(
        ControlPlaneDbContext db, IEnumerable<Guid> tenantIds, IEnumerable<Guid> teamIds, IEnumerable<Guid> keyIds, CancellationToken cancellationToken)
    {
        var tenantSet = tenantIds.Distinct().ToList();
        var teamSet = teamIds.Distinct().ToList();
        var keySet = keyIds.Distinct().ToList();
        var tenants = await db.Tenants.AsNoTracking().Where(t => tenantSet.Contains(t.Id))
            .Select(t => new { t.Id, t.Budget, t.TimeZone }).ToListAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().IgnoreQueryFilters().Where(t => teamSet.Contains(t.Id) && t.Budget != null)
            .Select(t => new { t.Id, t.Budget }).ToListAsync(cancellationToken);
        var keys = await db.VirtualKeys.AsNoTracking().IgnoreQueryFilters().Where(k => keySet.Contains(k.Id) && k.Budget != null)
            .Select(k => new { k.Id, k.Budget }).ToListAsync(cancellationToken);
        return new BudgetLevels(
            keys.ToDictionary(k => k.Id, k => k.Budget!),
            teams.ToDictionary(t => t.Id, t => t.Budget!),
            tenants.Where(t => t.Budget is not null).ToDictionary(t => t.Id, t => t.Budget!),
            tenants.ToDictionary(t => t.Id, t => BudgetPeriods.Zone(t.TimeZone)));
    }
}
