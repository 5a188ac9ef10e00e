using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// POST /api/auth/sso/exchange (anonymous): trades the one-time code of a finished single sign-on for the
/// member's admin API bearer token, answered like <c>POST /api/auth/login</c>. The portal calls it server-side.
/// </summary>
public static class ExchangeSsoCode
{
    public static async Task<Results<Ok<LoginResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        SsoExchangeRequest request, SsoHandoff handoff, SignInManager<Member> signInManager, MemberSessions sessions,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().Required("code", request.Code, 4096);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        if (await handoff.RedeemAsync(request.Code, cancellationToken) is not { } memberId
            || await signInManager.UserManager.FindByIdAsync(memberId.ToString()) is not { } member)
        {
            return Problems.Unauthorized("The sign-in code is unknown, expired or already used; sign in again.");
        }

        if (member.DeactivatedAt is not null)
        {
            return Problems.Unauthorized("This account is deactivated; ask an administrator of your organisation.");
        }

        return TypedResults.Ok(await sessions.StartAsync(member, useCookies: false, cancellationToken));
    }
}
