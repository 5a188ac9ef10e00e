using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.TwoFactor;

/// <summary>
/// POST /api/me/totp/enrolment: a new authenticator key and its <c>otpauth://</c> URI for the signed-in member; two-factor
/// stays off until <see cref="ConfirmTotpEnrolment"/> receives a code made with it. 409 while two-factor is on.
/// </summary>
public static class StartTotpEnrolment
{
    public static async Task<Results<Ok<TotpEnrolmentDto>, ProblemHttpResult>> HandleAsync(Caller caller, UserManager<Member> users)
    {
        var (member, problem) = await SignedInMember.FindAsync(caller, users);
        if (member is null)
        {
            return problem!;
        }

        if (member.TwoFactorEnabled)
        {
            return Problems.Conflict("Two-factor authentication is already on; turn it off first to use a new authenticator.");
        }

        return TypedResults.Ok(await AuthenticatorKeys.ResetAsync(users, member));
    }
}
