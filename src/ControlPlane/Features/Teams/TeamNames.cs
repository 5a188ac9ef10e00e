using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Features.Teams;

/// <summary>
/// Team names are unique within a tenant regardless of case, wherever a team is named (admin API, portal, SCIM): SCIM
/// filters find groups by displayName case-insensitively, so "Search" and "search" side by side would make an identity
/// provider's look-up ambiguous. Compared as <c>upper()</c> on both sides, which folds beyond ASCII on PostgreSQL and, with
/// <see cref="SqliteUnicodeUpper"/>, on SQLite.
/// </summary>
public static class TeamNames
{
    /// <summary>Whether another team of the tenant (any but <paramref name="exceptTeamId"/>) has this name in any case.</summary>
    public static Task<bool> TakenAsync(ControlPlaneDbContext db, Guid tenantId, string name, Guid exceptTeamId, CancellationToken cancellationToken)
    {
        var folded = name.ToUpperInvariant();
        return db.Teams.AnyAsync(t => t.TenantId == tenantId && t.Name.ToUpper() == folded && t.Id != exceptTeamId, cancellationToken);
    }

    /// <summary>The admin API's 409 for a taken name, naming the field <c>name</c>.</summary>
    public static ProblemHttpResult Conflict(string name) =>
        Problems.Conflict($"A team named '{name}' already exists in this tenant (names are compared regardless of case).", "name");
}
