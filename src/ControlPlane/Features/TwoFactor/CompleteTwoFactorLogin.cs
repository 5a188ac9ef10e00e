using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.TwoFactor;

/// <summary>
/// POST /api/auth/login/two-factor: the second sign-in step. With the challenge of the password step and a current code from
/// the authenticator app (or one of the recovery codes, each good once) it starts the session as the password step would
/// have (<c>?useCookies=true</c> too). A wrong code counts towards the account's lockout like a wrong password; every
/// failure answers the same 401, whether the challenge, the code or both were wrong. Throttled with the password step.
/// </summary>
public static class CompleteTwoFactorLogin
{
    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> HandleAsync(
        TwoFactorLoginRequest request, bool? useCookies, SignInChallenges challenges, UserManager<Member> users, MemberSessions sessions,
        CancellationToken cancellationToken)
    {
        var member = await challenges.RedeemAsync(request.Challenge, SignInSteps.Totp, users);
        if (member is null || !member.TwoFactorEnabled)
        {
            return TwoFactorProblems.Failed();
        }

        if (await users.IsLockedOutAsync(member))
        {
            return TwoFactorProblems.Locked();
        }

        var passed = await TwoFactorCodes.VerifyAsync(users, member, request.Code, request.RecoveryCode);
        if (!passed)
        {
            await users.AccessFailedAsync(member);
            return await users.IsLockedOutAsync(member) ? TwoFactorProblems.Locked() : TwoFactorProblems.Failed();
        }

        await users.ResetAccessFailedCountAsync(member);
        return TypedResults.Ok(await sessions.StartAsync(member, useCookies, cancellationToken));
    }
}
