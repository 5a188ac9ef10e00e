using Microsoft.AspNetCore.Mvc;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// Ends a sign-in that cannot go on: back to the return URL with the message in <see cref="SsoDefaults.ErrorParameter"/>
/// (the portal's sign-in page shows it) when the URL is allowed, otherwise a 401 ProblemDetails with the message.
/// </summary>
internal static class SsoRefusal
{
    public static async Task SendAsync(HttpContext http, string? returnUrl, string message, SsoOptions options)
    {
        if (returnUrl is not null && SsoReturnUrl.IsAllowed(returnUrl, options))
        {
            http.Response.Redirect(SsoReturnUrl.Append(returnUrl, SsoDefaults.ErrorParameter, message));
            return;
        }

        await TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Single sign-on refused",
            Detail = message,
        }).ExecuteAsync(http);
    }

    /// <summary>What the person is told when the egress policy refused a call to the identity provider.</summary>
    public static string EgressMessage(string issuer, string reason) =>
        $"Single sign-on cannot reach the identity provider {issuer}: {reason}. Ask a platform administrator to allow it in the egress policy.";

    /// <summary>What the person is told when the identity provider answered a backchannel call with a redirect.</summary>
    public static string RedirectMessage(string issuer, string reason) =>
        $"Single sign-on cannot use the identity provider {issuer}: {reason}. Ask an administrator of this organisation to correct its single sign-on settings.";
}
