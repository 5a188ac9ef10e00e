using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// Answers every failure under <c>/scim</c> in SCIM's error shape, never with a stack trace: a refused request
/// (<see cref="ScimException"/>), a uniqueness race lost in the database (409 <c>uniqueness</c>), an unreadable body, or
/// anything unexpected (500, logged). Other paths are left to the other handlers.
/// </summary>
internal sealed partial class ScimExceptionHandler(ILogger<ScimExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var path = httpContext.Request.Path;
        if (!path.StartsWithSegments(ScimEndpoints.BasePath))
        {
            return false;
        }

        var (status, scimType, detail) = exception switch
        {
            ScimException scim => (scim.Status, scim.ScimType, scim.Message),
            BadHttpRequestException bad => (bad.StatusCode, "invalidSyntax", bad.Message),
            DbUpdateException db when DbErrors.IsUniqueViolation(db) => (StatusCodes.Status409Conflict, "uniqueness", "A resource with the same unique value already exists."),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, (string?)null, "The resource was changed at the same time; retry."),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, null, "The client closed the request."),
            _ => (StatusCodes.Status500InternalServerError, null, "An unexpected error occurred."),
        };

        if (status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, path);
        }

        httpContext.Response.StatusCode = status;
        await ScimResults.Error(status, scimType, detail).ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on SCIM {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path);
}
