using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>The budgets (and tenants' time zones) of a set of keys, teams and tenants, by id (read by <see cref="BudgetLevel.OfAsync"/>).</summary>
public sealed class BudgetLevels
{
    private readonly Dictionary<(string Scope, Guid Owner), Budget> _budgets;
    private readonly Dictionary<Guid, TimeZoneInfo> _zones;

    private BudgetLevels(List<BudgetLevel> levels)
    {
        _budgets = levels.ToDictionary(l => (l.Scope, l.Owner), l => l.Budget);
        _zones = [];
        foreach (var level in levels)
        {
            _zones.TryAdd(level.Tenant, level.Zone);
        }
    }

    public Budget? OfKey(Guid id) => _budgets.GetValueOrDefault((BudgetScopes.Key, id));

    public Budget? OfTeam(Guid id) => _budgets.GetValueOrDefault((BudgetScopes.Team, id));

    public Budget? OfTenant(Guid id) => _budgets.GetValueOrDefault((BudgetScopes.Tenant, id));

    /// <summary>The tenant's time zone (that of any of its levels; UTC when it has none: then nothing of it has a budget).</summary>
    public TimeZoneInfo Zone(Guid tenantId) => _zones.GetValueOrDefault(tenantId) ?? TimeZoneInfo.Utc;

    public static async Task<BudgetLevels> LoadAsync(
        ControlPlaneDbContext db, IEnumerable<Guid> tenantIds, IEnumerable<Guid> teamIds, IEnumerable<Guid> keyIds, CancellationToken cancellationToken) =>
        new(await BudgetLevel.OfAsync(db, tenantIds, teamIds, keyIds, cancellationToken));
}
