using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Switchyard.ControlPlane.Infrastructure.Errors;

/// <summary>The admin API's non-validation error answers, all ProblemDetails.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = $"{what} was not found." });

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = detail });

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = detail });

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Unauthorized", Detail = detail });
}
