using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Infrastructure.Errors;

/// <summary>
/// Turns exceptions on the admin API (/api) and node endpoints (/internal) into ProblemDetails.
/// Other paths belong to the gateway or portal in a composed host and are left to them.
/// </summary>
internal sealed partial class ControlPlaneExceptionHandler(IProblemDetailsService problemDetails, ILogger<ControlPlaneExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var path = httpContext.Request.Path;
        if (!path.StartsWithSegments("/api") && !path.StartsWithSegments("/internal"))
        {
            return false;
        }

        var problem = exception switch
        {
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = BadRequestDetail.Describe(bad) },
            DbUpdateException db when DbErrors.IsUniqueViolation(db) =>
                new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = "An object with the same unique name already exists." },
            DbUpdateException db when DbErrors.IsForeignKeyViolation(db) =>
                new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = "The object is still referenced by other objects." },
            DbUpdateConcurrencyException =>
                new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = "The object was changed by someone else; reload and retry." },
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested =>
                new ProblemDetails { Status = 499, Title = "Client closed request" },
            _ => new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred." },
        };

        if (problem.Status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, path);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path);
}
