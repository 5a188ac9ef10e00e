using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Teams;

/// <summary>
/// PUT /api/tenants/{tenantId}/teams/{teamId}/members/{memberId} (tenant admins and the team's admins): adds a member of
/// the tenant to the team, or changes their team role. Idempotent. A deactivated member cannot be added (409).
/// </summary>
public static class SetTeamMember
{
    public static async Task<Results<Ok<TeamMemberDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid teamId, Guid memberId, SetTeamMemberRequest request, ControlPlaneDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(request.Role))
        {
            return new ValidationErrors().Add("role", "The role field must be 'member' or 'team-admin'.").ToProblem();
        }

        var team = await db.Teams.AsNoTracking().FindOwnedAsync(tenantId, teamId, "The team", cancellationToken);
        if (team.IsMissing)
        {
            return team.NotFound;
        }

        var member = await db.Users.AsNoTracking().FindOwnedAsync(tenantId, memberId, "The member", cancellationToken);
        if (member.IsMissing)
        {
            return member.NotFound;
        }

        var membership = await db.TeamMemberships.FirstOrDefaultAsync(m => m.TeamId == teamId && m.MemberId == memberId, cancellationToken);
        if (membership is null)
        {
            if (member.Row.DeactivatedAt is not null)
            {
                return Problems.Conflict("The member is deactivated; reactivate them first.");
            }

            membership = new TeamMembership { TenantId = tenantId, TeamId = teamId, MemberId = memberId, CreatedAt = time.GetUtcNow() };
            db.TeamMemberships.Add(membership);
        }

        membership.Role = request.Role;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new TeamMemberDto(memberId, member.Row.Email ?? "", member.Row.Role, membership.Role, membership.CreatedAt));
    }
}
