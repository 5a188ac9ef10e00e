using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Features.TenantSettings;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>
/// What a member whose password (or invitation) checked out must still do before getting a session: the TOTP code when
/// two-factor is on, or TOTP enrolment when the tenant requires it (local accounts only: SSO members sign in at their
/// identity provider); null when nothing.
/// </summary>
internal static class NextSignInStep
{
    public static async Task<SignInStepDto?> ForAsync(Member member, ControlPlaneDbContext db, SignInChallenges challenges, CancellationToken cancellationToken)
    {
        if (member.TwoFactorEnabled)
        {
            return challenges.Issue(member, SignInSteps.Totp);
        }

        if (member.Source == MemberSource.Local && (await TenantSignInPolicy.ForTenantAsync(db, member.TenantId, cancellationToken)).RequireTotp)
        {
            return challenges.Issue(member, SignInSteps.TotpEnrolment);
        }

        return null;
    }
}
