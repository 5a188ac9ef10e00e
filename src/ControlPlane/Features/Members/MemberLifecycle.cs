using Switchyard.ControlPlane.Features.ApiKeys;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Members;

/// <summary>
/// Deactivating and removing a member, shared by the admin API and SCIM provisioning. Both revoke the member's personal
/// keys (every node refuses them with the next snapshot) and end their sessions: sign-in is refused, and the cookies and
/// bearer tokens they hold fail on their next request (<see cref="Auth.CurrentMemberAuthenticationHandler"/> reads the row
/// per request). Marks tracked rows only; the caller saves, so the change is one revision.
/// </summary>
internal static class MemberLifecycle
{
    /// <summary>Deactivates an active member; does nothing for one already deactivated.</summary>
    public static async Task DeactivateAsync(ControlPlaneDbContext db, Member member, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (member.DeactivatedAt is not null)
        {
            return;
        }

        member.DeactivatedAt = now;
        await PersonalKeys.RevokeAsync(db, member.TenantId, member.Id, null, now, cancellationToken);
    }

    /// <summary>Lets the member sign in again; keys revoked at deactivation stay revoked.</summary>
    public static void Reactivate(Member member) => member.DeactivatedAt = null;

    /// <summary>Removes the member (their team memberships go with them) and revokes their personal keys.</summary>
    public static async Task RemoveAsync(ControlPlaneDbContext db, Member member, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await PersonalKeys.RevokeAsync(db, member.TenantId, member.Id, null, now, cancellationToken);
        db.Users.Remove(member);
    }
}
