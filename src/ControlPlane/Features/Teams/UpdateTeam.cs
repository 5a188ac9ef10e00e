using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Teams;

/// <summary>PATCH /api/tenants/{tenantId}/teams/{teamId} (tenant admins): renames; names are unique within a tenant (409).</summary>
public static class UpdateTeam
{
    public static async Task<Results<Ok<TeamDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid teamId, UpdateTeamRequest request, Caller caller, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.TenantId == tenantId && t.Id == teamId, cancellationToken);
        if (team is null)
        {
            return Problems.NotFound("The team");
        }

        if (!caller.IsTenantAdmin)
        {
            return Problems.Forbidden("Only tenant administrators can rename teams.");
        }

        var errors = new ValidationErrors().Required("name", request.Name, Team.NameMaxLength);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var name = request.Name.Trim();
        if (await db.Teams.AnyAsync(t => t.TenantId == tenantId && t.Name == name && t.Id != teamId, cancellationToken))
        {
            return Problems.Conflict($"A team named '{name}' already exists in this tenant.");
        }

        team.Name = name;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(team.ToDto());
    }
}
