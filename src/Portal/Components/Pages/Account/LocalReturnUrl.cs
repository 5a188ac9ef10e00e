namespace Switchyard.Portal.Components.Pages.Account;

/// <summary>Keeps a sign-in redirect inside the portal (no open redirects).</summary>
internal static class LocalReturnUrl
{
    public static string Sanitize(string? returnUrl) =>
        returnUrl is { Length: > 0 }
        && returnUrl[0] == '/'
        && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
        && !returnUrl.StartsWith("/account/", StringComparison.OrdinalIgnoreCase)
            ? returnUrl
            : "/";
}
