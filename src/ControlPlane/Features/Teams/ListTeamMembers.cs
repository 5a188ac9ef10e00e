using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Teams;

/// <summary>GET /api/tenants/{tenantId}/teams/{teamId}/members: the team's members with their team role, by email.</summary>
public static class ListTeamMembers
{
    public static async Task<Results<Ok<TeamMemberDto[]>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid teamId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var team = await db.Teams.AsNoTracking().FindOwnedAsync(tenantId, teamId, "The team", cancellationToken);
        if (team.IsMissing)
        {
            return team.NotFound;
        }

        var members = await (
                from m in db.TeamMemberships.AsNoTracking()
                join u in db.Users.AsNoTracking() on m.MemberId equals u.Id
                where m.TenantId == tenantId && m.TeamId == teamId
                select new { u.Id, u.Email, u.Role, TeamRole = m.Role, m.CreatedAt })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(members.OrderBy(m => m.Email, StringComparer.OrdinalIgnoreCase)
            .Select(m => new TeamMemberDto(m.Id, m.Email ?? "", m.Role, m.TeamRole, m.CreatedAt)).ToArray());
    }
}
