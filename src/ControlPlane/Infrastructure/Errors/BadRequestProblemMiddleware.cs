using Microsoft.AspNetCore.Mvc;

namespace Switchyard.ControlPlane.Infrastructure.Errors;

/// <summary>
/// Answers a request the endpoint could not bind (a body that is not JSON, not of the endpoint's shape, or not sent as
/// JSON) with ProblemDetails saying what is wrong. Inside the exception handler, which would clear the endpoint and route
/// values first: the admin audit still sees which endpoint of which tenant refused the call. Routing's own empty refusals
/// (415 for a body not sent as JSON, 405 for a method the path does not take) get a ProblemDetails body too.
/// </summary>
internal sealed class BadRequestProblemMiddleware(RequestDelegate next, IProblemDetailsService problemDetails)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await WriteAsync(context, ex.StatusCode, "Bad request", BadRequestDetail.Describe(ex), ex);
            return;
        }

        var response = context.Response;
        if (!response.HasStarted && response.ContentLength is null && response.ContentType is null)
        {
            if (response.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            {
                await WriteAsync(context, response.StatusCode, "Unsupported media type", BadRequestDetail.NotJson, null);
            }
            else if (response.StatusCode == StatusCodes.Status405MethodNotAllowed)
            {
                await WriteAsync(context, response.StatusCode, "Method not allowed", $"{context.Request.Method} is not allowed on this path (allowed: {response.Headers.Allow}).", null);
            }
        }
    }

    private async Task WriteAsync(HttpContext context, int status, string title, string detail, Exception? exception)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (!await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception }))
        {
            await context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
        }
    }
}
