namespace Switchyard.Shared.Egress;

/// <summary>
/// The shape every provider base URL must have, checked when a route is saved and again by the node: an absolute http
/// or https URL without user information, query or fragment (the node appends paths such as <c>/chat/completions</c>;
/// a <c>?</c> or <c>#</c> would turn them into a query or fragment and hand the URL's owner the whole path).
/// </summary>
public static class UpstreamBaseUrl
{
    public const int MaxLength = 2048;

    /// <summary>Null when <paramref name="value"/> is a usable base URL; otherwise what is wrong with it.</summary>
    public static string? Validate(string? value) => Validate(value, out _);

    /// <summary>Null when <paramref name="value"/> is a usable base URL (then <paramref name="url"/> is it); otherwise what is wrong.</summary>
    public static string? Validate(string? value, out Uri? url)
    {
        url = null;
        if (string.IsNullOrEmpty(value))
        {
            return "A base URL is required.";
        }

        if (value.Length > MaxLength)
        {
            return $"A base URL must be at most {MaxLength} characters.";
        }

        if (value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\\'))
        {
            return "A base URL must not contain spaces, control characters or backslashes.";
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
            || parsed.IdnHost.Length == 0)
        {
            return "A base URL must be an absolute http or https URL.";
        }

        if (parsed.UserInfo.Length > 0)
        {
            return "A base URL must not contain user information (user:password@); put secrets in a credential.";
        }

        if (value.Contains('?', StringComparison.Ordinal))
        {
            return "A base URL must not contain a query ('?').";
        }

        if (value.Contains('#', StringComparison.Ordinal))
        {
            return "A base URL must not contain a fragment ('#').";
        }

        url = parsed;
        return null;
    }
}
