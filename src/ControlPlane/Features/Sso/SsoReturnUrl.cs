namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>Where a sign-in may return: a local path (not <c>//host</c> or <c>/\host</c>), or a URL on an allowed origin.</summary>
public static class SsoReturnUrl
{
    public static bool IsAllowed(string? returnUrl, SsoOptions options)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Length > 2048 || returnUrl.Any(char.IsControl))
        {
            return false;
        }

        if (returnUrl[0] == '/')
        {
            return returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\');
        }

        return Uri.TryCreate(returnUrl, UriKind.Absolute, out var uri)
               && uri.Scheme is "http" or "https"
               && string.IsNullOrEmpty(uri.UserInfo)
               && options.AllowsOrigin(uri);
    }

    /// <summary>Appends one query parameter, before any fragment.</summary>
    public static string Append(string returnUrl, string name, string value)
    {
        var hash = returnUrl.IndexOf('#', StringComparison.Ordinal);
        var (head, fragment) = hash < 0 ? (returnUrl, "") : (returnUrl[..hash], returnUrl[hash..]);
        var separator = head.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return $"{head}{separator}{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}{fragment}";
    }
}
