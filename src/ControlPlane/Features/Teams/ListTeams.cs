using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Teams;

/// <summary>GET /api/tenants/{tenantId}/teams.</summary>
public static class ListTeams
{
    public static async Task<Ok<TeamDto[]>> HandleAsync(Guid tenantId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var teams = await db.Teams.AsNoTracking().Where(t => t.TenantId == tenantId).OrderBy(t => t.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(teams.Select(t => t.ToDto()).ToArray());
    }
}
