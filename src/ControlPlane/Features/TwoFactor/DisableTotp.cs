using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Features.TenantSettings;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.TwoFactor;

/// <summary>
/// POST /api/me/totp/disable: with a current code (or a recovery code) turns two-factor off and forgets the authenticator key
/// and the recovery codes. 409 when the tenant requires two-factor; a wrong code answers 400 naming <c>code</c>.
/// </summary>
public static class DisableTotp
{
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> HandleAsync(
        TotpCodeRequest request, Caller caller, UserManager<Member> users, ControlPlaneDbContext db, CancellationToken cancellationToken)
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

        if ((await TenantSignInPolicy.ForTenantAsync(db, member.TenantId, cancellationToken)).RequireTotp)
        {
            return Problems.Conflict("Your organisation requires two-factor authentication; it cannot be turned off.");
        }

        if (!await TwoFactorCodes.VerifyEitherAsync(users, member, request.Code))
        {
            return new ValidationErrors().Add("code", "The code is not valid; enter the current code from your authenticator app or a recovery code.").ToProblem();
        }

        await users.SetTwoFactorEnabledAsync(member, false);
        await users.RemoveAuthenticationTokenAsync(member, "[AspNetUserStore]", "AuthenticatorKey");
        await users.RemoveAuthenticationTokenAsync(member, "[AspNetUserStore]", "RecoveryCodes");
        return TypedResults.NoContent();
    }
}
