using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.TwoFactor;

/// <summary>POST /api/me/totp/recovery-codes: with a current authenticator code, ten new recovery codes (shown once); the old ones stop working.</summary>
public static class RegenerateRecoveryCodes
{
    public static async Task<Results<Ok<RecoveryCodesDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        TotpCodeRequest request, Caller caller, UserManager<Member> users)
    {
        var (member, problem) = await SignedInMember.FindAsync(caller, users);
        if (member is null)
        {
            return problem!;
        }

        if (!member.TwoFactorEnabled)
        {
            return Problems.Conflict("Two-factor authentication is not on.");
        }

        if (!await TwoFactorCodes.VerifyAsync(users, member, request.Code, null))
        {
            return new ValidationErrors().Add("code", "The code is not valid; enter the current code from your authenticator app.").ToProblem();
        }

        return TypedResults.Ok(new RecoveryCodesDto(await TwoFactorCodes.NewRecoveryCodesAsync(users, member)));
    }
}
