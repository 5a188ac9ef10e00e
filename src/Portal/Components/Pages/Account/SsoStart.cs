namespace Switchyard.Portal.Components.Pages.Account;

/// <summary>
/// Where the browser goes to sign in with a tenant's single sign-on: the control plane's login path (on
/// <see cref="PortalOptions.ControlPlanePublicUrl"/>, or this origin in the all-in-one host), returning to the portal's
/// <c>/account/sso/complete</c>, which trades the one-time code for the portal session.
/// </summary>
internal static class SsoStart
{
    public const string CompletePath = "/account/sso/complete";

    public static string Url(string loginPath, string? returnUrl, PortalOptions options, HttpRequest request)
    {
        var complete = $"{CompletePath}?returnUrl={Uri.EscapeDataString(LocalReturnUrl.Sanitize(returnUrl))}";
        if (options.ControlPlanePublicUrl is not { } controlPlane)
        {
            return $"{loginPath}?returnUrl={Uri.EscapeDataString(complete)}";
        }

        var portal = $"{request.Scheme}://{request.Host}{request.PathBase}{complete}";
        return $"{controlPlane.GetLeftPart(UriPartial.Authority)}{controlPlane.AbsolutePath.TrimEnd('/')}{loginPath}?returnUrl={Uri.EscapeDataString(portal)}";
    }
}
