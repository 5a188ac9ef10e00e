namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>Names, paths and limits of the single sign-on slice.</summary>
public static class SsoDefaults
{
    /// <summary>The one OpenID Connect authentication scheme; its options are resolved per tenant (<see cref="TenantOidcHandler"/>).</summary>
    public const string Scheme = "Switchyard.Sso";

    public const string GroupsClaim = "groups";
    public const int MaxUrlLength = 512;
    public const int MaxDomainLength = 253;
    public const int MaxDomains = 50;
    public const int MaxMappings = 200;

    /// <summary>The query parameter a finished sign-in appends to the return URL: a one-time code for <c>POST /api/auth/sso/exchange</c>.</summary>
    public const string CodeParameter = "sso_code";

    /// <summary>The query parameter a refused or failed sign-in appends to the return URL: a message for the person.</summary>
    public const string ErrorParameter = "sso_error";

    /// <summary>The authentication property that carries the tenant through the identity provider (inside the protected state).</summary>
    public const string TenantItem = "switchyard.sso.tenant";

    public static readonly IReadOnlyList<string> Scopes = ["openid", "profile", "email"];

    /// <summary>Path prefix of the sign-in endpoints; only requests under it resolve a tenant's options.</summary>
    public const string PathPrefix = "/api/auth/sso/";

    public static string LoginPath(Guid tenantId) => $"{PathPrefix}{tenantId:D}/login";

    public static string CallbackPath(Guid tenantId) => $"{PathPrefix}{tenantId:D}/callback";
}
