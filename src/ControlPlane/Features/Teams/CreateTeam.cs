using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Teams;

/// <summary>POST /api/tenants/{tenantId}/teams (tenant admins). Team names are unique within a tenant.</summary>
public static class CreateTeam
{
    public static async Task<Results<Created<TeamDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, CreateTeamRequest request, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().Required("name", request.Name, Team.NameMaxLength);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var name = request.Name.Trim();
        if (await db.Teams.AnyAsync(t => t.TenantId == tenantId && t.Name == name, cancellationToken))
        {
            return Problems.Conflict($"A team named '{name}' already exists in this tenant.");
        }

        var team = new Team { Id = Guid.CreateVersion7(), TenantId = tenantId, Name = name, CreatedAt = time.GetUtcNow() };
        db.Teams.Add(team);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/tenants/{tenantId}/teams/{team.Id}", team.ToDto());
    }
}
