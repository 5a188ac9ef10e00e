using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Members;

/// <summary>The "last administrator" rule shared by changing and removing members.</summary>
internal static class MemberAdmins
{
    /// <summary>Tenant admins, and platform admins who are members of the tenant, administer it.</summary>
    public static bool IsAdmin(MemberRole role) => role is MemberRole.TenantAdmin or MemberRole.PlatformAdmin;

    /// <summary>Whether the tenant has an active administrator other than <paramref name="memberId"/>.</summary>
    public static Task<bool> AnyOtherAsync(ControlPlaneDbContext db, Guid tenantId, Guid memberId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(
            m => m.TenantId == tenantId && m.Id != memberId && m.DeactivatedAt == null && (m.Role == MemberRole.TenantAdmin || m.Role == MemberRole.PlatformAdmin),
            cancellationToken);
}
