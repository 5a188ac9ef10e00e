using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Members;

/// <summary>The teams of a tenant's members, for the member contract.</summary>
internal static class MemberTeams
{
    public static async Task<ILookup<Guid, MemberTeamDto>> ForTenantAsync(
        ControlPlaneDbContext db, Guid tenantId, Guid? memberId, CancellationToken cancellationToken)
    {
        var rows = await (
                from m in db.TeamMemberships.AsNoTracking()
                join t in db.Teams.AsNoTracking() on m.TeamId equals t.Id
                where m.TenantId == tenantId && (memberId == null || m.MemberId == memberId)
                select new { m.MemberId, m.TeamId, t.Name, m.Role })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Name, StringComparer.Ordinal).ToLookup(r => r.MemberId, r => new MemberTeamDto(r.TeamId, r.Name, r.Role));
    }
}
