using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Features.TwoFactor;

/// <summary>The member behind a <c>/api/me/totp</c> call; admin keys have no second factor (403), SSO members use their identity provider's (409).</summary>
internal static class SignedInMember
{
    public static async Task<(Member? Member, ProblemHttpResult? Problem)> FindAsync(Caller caller, UserManager<Member> users)
    {
        if (caller.IsAdminKey)
        {
            return (null, Problems.Forbidden("Admin keys have no two-factor authentication; sign in as a member."));
        }

        var member = await users.FindByIdAsync(caller.SubjectId.ToString());
        if (member is null)
        {
            return (null, Problems.NotFound("The member"));
        }

        return member.Source == Shared.Admin.MemberSource.Local
            ? (member, null)
            : (null, Problems.Conflict("This account signs in with single sign-on: two-factor authentication is your identity provider's."));
    }
}
