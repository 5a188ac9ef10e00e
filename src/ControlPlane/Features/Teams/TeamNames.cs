using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Features.Teams;

/// <summary>
/// Team names are unique within a tenant regardless of case, wherever a team is named (admin API, portal, SCIM): SCIM
/// filters find groups by displayName case-insensitively, so "Search" and "search" side by side would make an identity
/// provider's look-up ambiguous. Each team stores its name folded by <see cref="Normalize"/> (<see cref="Team.NormalizedName"/>),
/// unique per tenant in the database; <see cref="TakenAsync"/> checks it first so the caller gets a clear answer, and a
/// create or rename racing another one meets the index (a unique violation, answered with the same <see cref="Conflict"/>).
/// </summary>
public static class TeamNames
{
    /// <summary>The name as teams are compared: folded to upper case (invariant culture, so beyond ASCII too).</summary>
    public static string Normalize(string name) => name.ToUpperInvariant();

    /// <summary>Whether another team of the tenant (any but <paramref name="exceptTeamId"/>) has this name in any case.</summary>
    public static Task<bool> TakenAsync(ControlPlaneDbContext db, Guid tenantId, string name, Guid exceptTeamId, CancellationToken cancellationToken)
    {
        var normalized = Normalize(name);
        return db.Teams.AnyAsync(t => t.TenantId == tenantId && t.NormalizedName == normalized && t.Id != exceptTeamId, cancellationToken);
    }

    /// <summary>The admin API's 409 for a taken name, naming the field <c>name</c>.</summary>
    public static ProblemHttpResult Conflict(string name) =>
        Problems.Conflict($"A team named '{name}' already exists in this tenant (names are compared regardless of case).", "name");
}
