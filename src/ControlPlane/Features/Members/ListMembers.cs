using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Members;

/// <summary>GET /api/tenants/{tenantId}/members: by email, each with their teams and team roles.</summary>
public static class ListMembers
{
    public static async Task<Ok<MemberDto[]>> HandleAsync(Guid tenantId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var members = await db.Users.AsNoTracking().Where(m => m.TenantId == tenantId).OrderBy(m => m.Email).ToListAsync(cancellationToken);
        var teams = await MemberTeams.ForTenantAsync(db, tenantId, null, cancellationToken);
        return TypedResults.Ok(members.Select(m => m.ToDto([.. teams[m.Id]])).ToArray());
    }
}
