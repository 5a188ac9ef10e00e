using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.TwoFactor;

/// <summary>
/// POST /api/me/totp/confirm: with a code from the app set up by <see cref="StartTotpEnrolment"/>, turns two-factor on and
/// answers ten recovery codes (shown once). A wrong code answers 400 naming <c>code</c>.
/// </summary>
public static class ConfirmTotpEnrolment
{
    public static async Task<Results<Ok<RecoveryCodesDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        TotpCodeRequest request, Caller caller, UserManager<Member> users)
    {
        var (member, problem) = await SignedInMember.FindAsync(caller, users);
        if (member is null)
        {
            return problem!;
        }

        if (member.TwoFactorEnabled)
        {
            return Problems.Conflict("Two-factor authentication is already on.");
        }

        if (string.IsNullOrWhiteSpace(await users.GetAuthenticatorKeyAsync(member)))
        {
            return Problems.Conflict("Start the enrolment first (POST /api/me/totp/enrolment).");
        }

        if (!await TwoFactorCodes.VerifyAsync(users, member, request.Code, null))
        {
            return new ValidationErrors().Add("code", "The code is not valid; enter the current code from your authenticator app.").ToProblem();
        }

        await users.SetTwoFactorEnabledAsync(member, true);
        return TypedResults.Ok(new RecoveryCodesDto(await TwoFactorCodes.NewRecoveryCodesAsync(users, member)));
    }
}
