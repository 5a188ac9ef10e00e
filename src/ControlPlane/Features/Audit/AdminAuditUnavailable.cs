using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>The answer of a mutating admin call whose audit entry could not be written: 503, it saved nothing and can be retried.</summary>
public static class AdminAuditUnavailable
{
    public static ProblemDetails Problem() => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "Audit log unavailable",
        Detail = "The call's admin audit entry could not be written, so it is not answered as done. It saved no changes; retry it later.",
    };

    public static ProblemHttpResult Result() => TypedResults.Problem(Problem());
}
