using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Switchyard.ControlPlane.Infrastructure.Errors;

/// <summary>The admin API's non-validation error answers, all ProblemDetails.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = $"{what} was not found." });

    /// <param name="field">The request field whose value clashes (extension <c>field</c>), if the conflict is about one.</param>
    public static ProblemHttpResult Conflict(string detail, string? field = null)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = detail };
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }

        return TypedResults.Problem(problem);
    }

    /// <param name="field">The request field the caller may not set (extension <c>field</c>), if the refusal is about one.</param>
    public static ProblemHttpResult Forbidden(string detail, string? field = null)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = detail };
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }

        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult PayloadTooLarge(string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status413PayloadTooLarge, Title = "Request body too large", Detail = detail });

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Unauthorized", Detail = detail });

    /// <summary>
    /// 409: the request would exceed one of the tenant's quotas. Extensions name the quota (<c>quota</c>, as in the API and in
    /// <c>Quotas:*</c>), its <c>limit</c> and, for a list in the request body, the <c>field</c>.
    /// </summary>
    public static ProblemHttpResult QuotaExceeded(string quota, int limit, string? field, string detail)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Quota exceeded", Detail = detail };
        problem.Extensions["quota"] = quota;
        problem.Extensions["limit"] = limit;
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }

        return TypedResults.Problem(problem);
    }
}
