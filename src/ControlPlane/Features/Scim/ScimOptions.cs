using System.ComponentModel.DataAnnotations;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>SCIM provisioning settings (section <c>Scim</c>).</summary>
public sealed class ScimOptions
{
    public const string Section = "Scim";

    /// <summary>
    /// The public URL the identity provider reaches the control plane at (e.g. <c>https://switchyard.example.com</c>);
    /// the SCIM base URL is this plus <c>/scim/v2</c>. Unset: taken from the request (behind a proxy, forwarded headers).
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>The tenant role given to members SCIM creates (never PlatformAdmin).</summary>
    [AllowedValues(Shared.Admin.MemberRole.Developer, Shared.Admin.MemberRole.Finance, Shared.Admin.MemberRole.Auditor, Shared.Admin.MemberRole.TenantAdmin,
        ErrorMessage = "Scim:DefaultRole must be Developer, Finance, Auditor or TenantAdmin.")]
    public Shared.Admin.MemberRole DefaultRole { get; set; } = Shared.Admin.MemberRole.Developer;

    /// <summary>The most resources one list answer holds (the <c>count</c> a client may ask for).</summary>
    [Range(1, 1000)]
    public int MaxPageSize { get; set; } = 200;

    /// <summary>The SCIM base URL for a request: <see cref="PublicBaseUrl"/> or the request's own scheme and host.</summary>
    public string BaseUrl(HttpRequest request) =>
        (string.IsNullOrWhiteSpace(PublicBaseUrl) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : PublicBaseUrl.TrimEnd('/'))
        + ScimEndpoints.BasePath;
}
