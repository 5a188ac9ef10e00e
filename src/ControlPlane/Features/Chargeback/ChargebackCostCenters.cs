using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>
/// The live chargeback's <c>groupBy=costCenter</c>: usage is summed per team in the database (the same query as
/// <c>groupBy=team</c>) and each team's line goes to its current cost centre. Usage of teams without one, and usage without
/// a team, goes to one line with the key <see cref="None"/> ("", as on statements) labelled "(none)".
/// </summary>
public static class ChargebackCostCenters
{
    public const string None = "";
    public const string NoneLabel = "(none)";

    /// <summary>Each of the tenant's teams with a cost centre, by team id.</summary>
    public static Task<Dictionary<Guid, string>> OfTeamsAsync(ControlPlaneDbContext db, Guid tenantId, CancellationToken cancellationToken) =>
        db.Teams.IgnoreQueryFilters().AsNoTracking().Where(t => t.TenantId == tenantId && t.CostCenter != null)
            .ToDictionaryAsync(t => t.Id, t => t.CostCenter!, cancellationToken);

    public static string Of(IReadOnlyDictionary<Guid, string> centers, Guid teamId) => centers.GetValueOrDefault(teamId) ?? None;
}
