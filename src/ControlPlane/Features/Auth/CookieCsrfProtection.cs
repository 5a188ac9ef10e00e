using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>
/// Cross-site request forgery protection for the admin API: a request that would be authenticated by the Identity
/// cookie (no bearer token, no admin key) and may change something (any method but GET, HEAD, OPTIONS, TRACE) must carry
/// the <see cref="HeaderName"/> header. A form or a simple request from another site cannot set a custom header, and a
/// script on another origin would need a CORS preflight that the control plane never grants. Bearer-token and
/// admin-key callers (scripts, the portal's server-side client) are not affected.
/// </summary>
internal sealed class CookieCsrfProtection(RequestDelegate next)
{
    public const string HeaderName = "X-Switchyard-Csrf";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method)
            || !request.Cookies.ContainsKey(AuthSchemes.IdentityCookieName)
            || AuthExtensions.SelectScheme(context) != IdentityConstants.ApplicationScheme
            || !string.IsNullOrWhiteSpace(request.Headers[HeaderName]))
        {
            return next(context);
        }

        return TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Missing anti-forgery header",
            Detail = $"A cookie-authenticated request that changes something must send the header {HeaderName} (any value). " +
                     "Bearer-token and admin-key callers do not need it.",
        }).ExecuteAsync(context);
    }
}
