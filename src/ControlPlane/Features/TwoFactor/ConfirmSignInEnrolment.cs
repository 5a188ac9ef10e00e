using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.TwoFactor;

/// <summary>
/// POST /api/auth/login/totp-enrolment/confirm: with the challenge <see cref="StartSignInEnrolment"/> answered and a code
/// from the app, turns two-factor on, answers the recovery codes (shown once) and starts the session. A wrong code counts
/// towards lockout and answers the same 401 as an expired challenge.
/// </summary>
public static class ConfirmSignInEnrolment
{
    public static async Task<Results<Ok<SignInEnrolmentResponse>, ProblemHttpResult>> HandleAsync(
        SignInEnrolmentRequest request, bool? useCookies, SignInChallenges challenges, UserManager<Member> users, MemberSessions sessions,
        CancellationToken cancellationToken)
    {
        var member = await challenges.RedeemAsync(request.Challenge, SignInSteps.TotpEnrolment, users);
        if (member is null || member.TwoFactorEnabled)
        {
            return TwoFactorProblems.Failed();
        }

        if (await users.IsLockedOutAsync(member))
        {
            return TwoFactorProblems.Locked();
        }

        if (!await TwoFactorCodes.VerifyAsync(users, member, request.Code, null))
        {
            await users.AccessFailedAsync(member);
            return await users.IsLockedOutAsync(member) ? TwoFactorProblems.Locked() : TwoFactorProblems.Failed();
        }

        await users.SetTwoFactorEnabledAsync(member, true);
        await users.ResetAccessFailedCountAsync(member);
        var codes = await TwoFactorCodes.NewRecoveryCodesAsync(users, member);
        return TypedResults.Ok(new SignInEnrolmentResponse(codes, await sessions.StartAsync(member, useCookies, cancellationToken)));
    }
}
