using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Features.TwoFactor;

/// <summary>The answers of the sign-in steps after the password: one message for every failure, so it never tells which part was wrong.</summary>
internal static class TwoFactorProblems
{
    public static ProblemHttpResult Failed() =>
        Problems.Unauthorized("The code is not valid or this sign-in has expired. Try the current code again, or sign in again.");

    public static ProblemHttpResult Locked() => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status423Locked,
        Title = "Account locked",
        Detail = "Too many failed sign-in attempts: this account is locked for 15 minutes. Try again later or ask an administrator.",
    });
}
