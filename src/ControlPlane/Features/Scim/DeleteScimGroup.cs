using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// DELETE /scim/v2/Groups/{id}: the team's members leave it (their personal keys in it revoked). The team itself is
/// deleted when nothing refers to it; a team that has had keys or usage is history (as for the admin API's delete), so it
/// stays, without members and no longer linked to the identity provider's group (its externalId cleared).
/// </summary>
public static class DeleteScimGroup
{
    public static async Task<NoContent> HandleAsync(string id, ScimClient client, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var team = await ScimGroups.FindAsync(db, client, id, cancellationToken);
        await ScimGroups.RemoveAllMembersAsync(team, db, time.GetUtcNow(), cancellationToken);
        var hasHistory = await db.VirtualKeys.AnyAsync(k => k.TenantId == team.TenantId && k.TeamId == team.Id, cancellationToken)
                         || await db.UsageRecords.AnyAsync(u => u.TenantId == team.TenantId && u.TeamId == team.Id, cancellationToken);
        if (hasHistory)
        {
            team.ExternalId = null;
        }
        else
        {
            db.Teams.Remove(team);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
