using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Teams;

/// <summary>
/// DELETE /api/tenants/{tenantId}/teams/{teamId} (tenant admins). Only a team nothing refers to can go: 409 while it has
/// active keys (revoke them first), and 409 while revoked keys or usage records name it, because those are history
/// (keys are never deleted, so a team that ever had a key stays). Bumps the revision.
/// </summary>
public static class DeleteTeam
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid teamId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var team = await db.Teams.FindOwnedAsync(tenantId, teamId, "The team", cancellationToken);
        if (team.IsMissing)
        {
            return team.NotFound;
        }

        var keys = db.VirtualKeys.Where(k => k.TenantId == tenantId && k.TeamId == teamId);
        var active = await keys.CountAsync(k => k.Status != KeyStatus.Revoked, cancellationToken);
        if (active > 0)
        {
            return Problems.Conflict($"The team still has {active} active key(s); revoke them first. Note that revoked keys are kept as history and still keep the team from being deleted.");
        }

        if (await keys.AnyAsync(cancellationToken))
        {
            return Problems.Conflict(
                "The team has revoked keys, which are kept as history (usage and audit refer to them); a team that has had keys cannot be deleted. Rename it instead.");
        }

        if (await db.UsageRecords.AnyAsync(u => u.TenantId == tenantId && u.TeamId == teamId, cancellationToken))
        {
            return Problems.Conflict("Usage records refer to the team and are kept as history; the team cannot be deleted. Rename it instead.");
        }

        db.Teams.Remove(team.Row);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
