using System.ComponentModel.DataAnnotations;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>Settings of single sign-on (section <c>Sso</c>); each tenant's identity provider is configured through the admin API.</summary>
public sealed class SsoOptions : IValidatableObject
{
    public const string Section = "Sso";

    /// <summary>
    /// Origins (scheme://host[:port]) besides the control plane's own to which a finished sign-in may return
    /// (<c>Sso:ReturnOrigins</c>): the portal's public URL when it runs as its own process. Local paths are always allowed.
    /// </summary>
    public List<string> ReturnOrigins { get; set; } = [];

    /// <summary>How long the one-time code a finished sign-in hands to the portal stays valid (<c>Sso:HandoffSeconds</c>).</summary>
    [Range(10, 600)]
    public int HandoffSeconds { get; set; } = 120;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < ReturnOrigins.Count; i++)
        {
            if (!Uri.TryCreate(ReturnOrigins[i], UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.PathAndQuery is not ("/" or "") || !string.IsNullOrEmpty(uri.Fragment))
            {
                yield return new ValidationResult(
                    $"{Section}:{nameof(ReturnOrigins)}:{i} must be an http(s) origin such as https://portal.example.com.", [nameof(ReturnOrigins)]);
            }
        }
    }

    internal bool AllowsOrigin(Uri uri) => ReturnOrigins.Any(o =>
        Uri.TryCreate(o, UriKind.Absolute, out var allowed)
        && string.Equals(allowed.Scheme, uri.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(allowed.Host, uri.Host, StringComparison.OrdinalIgnoreCase)
        && allowed.Port == uri.Port);
}
