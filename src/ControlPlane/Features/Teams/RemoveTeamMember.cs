using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.ApiKeys;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Features.Teams;

/// <summary>
/// DELETE /api/tenants/{tenantId}/teams/{teamId}/members/{memberId} (tenant admins and the team's admins): takes the member
/// out of the team and revokes their personal keys in it (with the next snapshot on every node). The team's service keys stay.
/// </summary>
public static class RemoveTeamMember
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid teamId, Guid memberId, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var membership = await db.TeamMemberships.FirstOrDefaultAsync(
            m => m.TenantId == tenantId && m.TeamId == teamId && m.MemberId == memberId, cancellationToken);
        if (membership is null)
        {
            return Problems.NotFound("The team member");
        }

        db.TeamMemberships.Remove(membership);
        await PersonalKeys.RevokeAsync(db, tenantId, memberId, teamId, time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
