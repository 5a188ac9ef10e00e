using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Members;

/// <summary>
/// DELETE /api/tenants/{tenantId}/members/{memberId} (tenant admins): removes the member (their sign-in with it). Only a
/// platform admin can remove a platform admin; the tenant's last administrator cannot be removed (409). The member's
/// existing sessions and tokens stop working on their next request (see <see cref="CurrentMemberAuthenticationHandler"/>).
/// Their personal keys are revoked (on every node with the next snapshot); service keys they created stay ("created by" is
/// text, not a reference).
/// </summary>
public static class DeleteMember
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid memberId, Caller caller, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var member = await db.Users.FindOwnedAsync(tenantId, memberId, "The member", cancellationToken);
        if (member.IsMissing)
        {
            return member.NotFound;
        }

        if (member.Row.Role == MemberRole.PlatformAdmin && !caller.IsPlatformAdmin)
        {
            return Problems.Forbidden("Only a platform admin can remove a platform admin.");
        }

        if (MemberAdmins.IsAdmin(member.Row.Role) && !await MemberAdmins.AnyOtherAsync(db, tenantId, memberId, cancellationToken))
        {
            return Problems.Conflict("This member is the tenant's last administrator; make another member an administrator first.");
        }

        await MemberLifecycle.RemoveAsync(db, member.Row, time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
