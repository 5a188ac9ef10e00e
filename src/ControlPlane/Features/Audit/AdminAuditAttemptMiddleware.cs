using Microsoft.AspNetCore.Authentication;
using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// Records the mutating admin API calls (POST, PUT, PATCH, DELETE under <c>/api</c> that reached an endpoint) of a signed-in
/// caller that were refused before <see cref="AdminAuditFilter"/> could run: a body over the size limit (413), the
/// missing anti-forgery header (403), a body that does not bind (400), or an exception before the handler
/// (<see cref="AdminAuditAttemptRecorder"/>). The caller is authenticated here, before anything can refuse the call
/// (authentication handlers run once per request, so the authentication middleware later reuses this result). The entry
/// is written before the answer goes out: a refusal answered with ProblemDetails is recorded by
/// <see cref="AdminAuditRefusalWriter"/> as it is written, one answered without a body (the 400 of a body that does not
/// bind) here once the pipeline returns; either way, when the entry cannot be written the call answers 503 ProblemDetails
/// instead, as the filter does. Only an exception nothing answered (the server's 500), or an answer some other part
/// already started, is recorded after it, and a failed write of those is logged.
/// </summary>
internal sealed class AdminAuditAttemptMiddleware(RequestDelegate next, AdminAuditAttemptRecorder recorder)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (!(HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method)))
        {
            await next(context);
            return;
        }

        var attempt = new AdminAuditAttempt { Principal = await PrincipalAsync(context) };
        context.Features.Set(attempt);
        try
        {
            await next(context);
        }
        catch (Exception) when (!attempt.Recorded && !context.Response.HasStarted)
        {
            await recorder.RecordAsync(context, attempt, StatusCodes.Status500InternalServerError);
            throw;
        }

        if (!attempt.Recorded && !await recorder.RecordAsync(context, attempt, context.Response.StatusCode) && !context.Response.HasStarted)
        {
            context.Response.Clear();
            await AdminAuditUnavailable.Result().ExecuteAsync(context);
        }
    }

    /// <summary>Who is calling (null: anonymous, or authentication failed — the authentication middleware will answer that).</summary>
    private static async Task<System.Security.Claims.ClaimsPrincipal?> PrincipalAsync(HttpContext context)
    {
        try
        {
            var result = await context.AuthenticateAsync(AuthSchemes.Switchyard);
            return result.Succeeded ? result.Principal : null;
        }
        catch (Exception)
        {
            // Not answered here (this middleware is outside the exception handler): the handler's result is cached for
            // the request, so the authentication middleware meets the same failure and the admin API answers it.
            return null;
        }
    }
}
