using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// "SSO only": a tenant's members sign in through its identity provider, not with a password. Platform admins keep their
/// local password so the platform can always be reached.
/// </summary>
public static class SsoOnlyPolicy
{
    public const string Message = "Your organisation signs in with single sign-on only: enter your email on the sign-in page and continue with SSO.";

    public static Task<bool> RefusesPasswordAsync(ControlPlaneDbContext db, Member member, CancellationToken cancellationToken) =>
        member.Role == MemberRole.PlatformAdmin
            ? Task.FromResult(false)
            : db.TenantSso.IgnoreQueryFilters().AsNoTracking().AnyAsync(s => s.TenantId == member.TenantId && s.SsoOnly, cancellationToken);
}
