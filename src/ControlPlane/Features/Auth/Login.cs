using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Features.Sso;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>
/// POST /api/auth/login: checks the password (counting failures towards lockout) and returns an Identity bearer token,
/// or with <c>?useCookies=true</c> signs in the Identity cookie instead (the token in the answer is then empty). When the
/// member has two-factor authentication on, or their tenant requires it and they have not enrolled yet, it answers 202 with
/// the next step (<see cref="SignInStepDto"/>) instead of a session.
/// An unknown email costs the same password-hash work as a known one; attempts are throttled per client address.
/// Members of a tenant whose single sign-on is "SSO only" are refused (403) unless they are platform admins.
/// </summary>
public static class Login
{
    public static async Task<Results<Ok<LoginResponse>, Accepted<SignInStepDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        LoginRequest request,
        bool? useCookies,
        SignInManager<Member> signInManager,
        SignInTimingEqualizer timing,
        ControlPlaneDbContext db,
        SignInChallenges challenges,
        MemberSessions sessions,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Required("email", request.Email, 256)
            .Required("password", request.Password, 1024);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var user = await signInManager.UserManager.FindByEmailAsync(request.Email);
        if (user is null)
        {
            timing.VerifyForUnknownMember(request.Password);
            return Problems.Unauthorized("Wrong email or password.");
        }

        if (await SsoOnlyPolicy.RefusesPasswordAsync(db, user, cancellationToken))
        {
            timing.VerifyForUnknownMember(request.Password);
            return Problems.Forbidden(SsoOnlyPolicy.Message);
        }

        var result = await signInManager.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status423Locked,
                Title = "Account locked",
                Detail = "Too many failed sign-in attempts: this account is locked for 15 minutes. Try again later or ask an administrator.",
            });
        }

        if (!result.Succeeded)
        {
            return Problems.Unauthorized("Wrong email or password.");
        }

        if (user.DeactivatedAt is not null)
        {
            return Problems.Unauthorized("This account is deactivated; ask an administrator of your organisation.");
        }

        if (await NextSignInStep.ForAsync(user, db, challenges, cancellationToken) is { } step)
        {
            return TypedResults.Accepted((string?)null, step);
        }

        return TypedResults.Ok(await sessions.StartAsync(user, useCookies, cancellationToken));
    }
}
