using Microsoft.AspNetCore.Authentication;
using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// Records the mutating admin API calls (POST, PUT, PATCH, DELETE under <c>/api</c> that reached an endpoint) of a signed-in
/// caller that were refused before <see cref="AdminAuditFilter"/> could run: a body over the size limit (413), the
/// missing anti-forgery header (403), a body that does not bind (400), or an exception before the handler. The entry
/// names the caller, the endpoint, the status and its outcome (never the body), on the route tenant's chain. The caller
/// is authenticated here, before anything can refuse the call (authentication handlers run once per request, so the
/// authentication middleware later reuses this result); anonymous callers, and callers of a tenant they may not see, are
/// not recorded (as elsewhere). The answer has gone out by then, so a failed write is logged.
/// </summary>
internal sealed class AdminAuditAttemptMiddleware(RequestDelegate next, AdminAuditWriter writer, ILogger<AdminAuditAttemptMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (!(HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method)))
        {
            await next(context);
            return;
        }

        var attempt = new AdminAuditAttempt();
        context.Features.Set(attempt);
        var principal = await PrincipalAsync(context);
        try
        {
            await next(context);
        }
        catch (Exception) when (!attempt.Recorded && !context.Response.HasStarted)
        {
            await RecordAsync(context, principal, StatusCodes.Status500InternalServerError);
            throw;
        }

        if (!attempt.Recorded)
        {
            await RecordAsync(context, principal, context.Response.StatusCode);
        }
    }

    private async Task RecordAsync(HttpContext context, System.Security.Claims.ClaimsPrincipal? principal, int status)
    {
        if (context.GetEndpoint() is null || Actor(context, principal) is not { } actor)
        {
            return;
        }

        try
        {
            await writer.WriteAsync(writer.Create(context, actor, status, AdminAuditOutcomes.ForStatus(status)));
        }
        catch (Exception ex)
        {
            AuditLog.AdminEntryNotWritten(logger, ex, context.Request.Method, context.Request.Path.Value ?? "");
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

    private static AdminAuditActor? Actor(HttpContext context, System.Security.Claims.ClaimsPrincipal? principal)
    {
        if (context.Features.Get<AdminAuditActor>() is { } set)
        {
            return set;
        }

        var caller = Caller.FromPrincipal(context.User) ?? (principal is null ? null : Caller.FromPrincipal(principal));
        var tenant = AdminAuditWriter.TenantOf(context);
        return caller is null || (tenant != Guid.Empty && !caller.CanSeeTenant(tenant)) ? null : AdminAuditActor.Of(context, caller);
    }
}
