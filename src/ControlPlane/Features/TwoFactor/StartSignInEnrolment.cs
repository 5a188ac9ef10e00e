using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.TwoFactor;

/// <summary>
/// POST /api/auth/login/totp-enrolment: for a member whose tenant requires TOTP and who has not enrolled, with the
/// challenge of the password step: a new authenticator key and its <c>otpauth://</c> URI, and a new challenge (the key
/// changes the member's security stamp, which ends the old one) to confirm with.
/// </summary>
public static class StartSignInEnrolment
{
    public static async Task<Results<Ok<TotpEnrolmentDto>, ProblemHttpResult>> HandleAsync(
        SignInEnrolmentRequest request, SignInChallenges challenges, UserManager<Member> users)
    {
        var member = await challenges.RedeemAsync(request.Challenge, SignInSteps.TotpEnrolment, users);
        if (member is null || member.TwoFactorEnabled)
        {
            return TwoFactorProblems.Failed();
        }

        var enrolment = await AuthenticatorKeys.ResetAsync(users, member);
        return TypedResults.Ok(enrolment with { Challenge = challenges.Issue(member, SignInSteps.TotpEnrolment).Challenge });
    }
}
