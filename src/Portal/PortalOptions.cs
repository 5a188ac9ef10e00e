using System.ComponentModel.DataAnnotations;

namespace Switchyard.Portal;

/// <summary>Settings of the portal (section <c>Portal</c>).</summary>
public sealed class PortalOptions : IValidatableObject
{
    public const string Section = "Portal";

    /// <summary>Base URL of the control plane's admin API (<c>Portal:ControlPlaneUrl</c>), e.g. http://127.0.0.1:5000/.</summary>
    [Required]
    public Uri? ControlPlaneUrl { get; set; }

    /// <summary>The data-plane base URL shown to users (<c>Portal:GatewayUrl</c>).</summary>
    [Required]
    public Uri? GatewayUrl { get; set; } = new("http://localhost:8080/v1");

    /// <summary>
    /// The control plane's URL as browsers reach it (<c>Portal:ControlPlanePublicUrl</c>), where single sign-on starts and
    /// the identity provider returns. Unset: the control plane shares the portal's origin (the all-in-one host).
    /// </summary>
    public Uri? ControlPlanePublicUrl { get; set; }

    /// <summary>Where the cookie's Data Protection keys are kept (<c>Portal:DataDirectory</c>).</summary>
    [Required]
    public string DataDirectory { get; set; } = "./.switchyard/portal-keys";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ControlPlaneUrl is { IsAbsoluteUri: false } || ControlPlaneUrl is { Scheme: not ("http" or "https") })
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(ControlPlaneUrl)} must be an absolute http(s) URL.", [nameof(ControlPlaneUrl)]);
        }

        if (ControlPlanePublicUrl is { IsAbsoluteUri: false } || ControlPlanePublicUrl is { Scheme: not ("http" or "https") })
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(ControlPlanePublicUrl)} must be an absolute http(s) URL.", [nameof(ControlPlanePublicUrl)]);
        }

        if (GatewayUrl is { IsAbsoluteUri: false } || GatewayUrl is { Scheme: not ("http" or "https") })
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(GatewayUrl)} must be an absolute http(s) URL.", [nameof(GatewayUrl)]);
        }
    }
}
