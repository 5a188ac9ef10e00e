namespace Switchyard.Portal.Services;

/// <summary>Claim types and the authentication scheme of the portal's cookie session.</summary>
public static class PortalClaims
{
    public const string Scheme = "Portal";
    public const string CookieName = ".Switchyard.Portal";
    public const string TenantId = "switchyard:tenant_id";
    public const string TenantName = "switchyard:tenant_name";
    public const string ApiToken = "switchyard:api_token";

    /// <summary>The tenant a platform admin switched the portal to (absent: their own).</summary>
    public const string SelectedTenantId = "switchyard:selected_tenant_id";
    public const string SelectedTenantName = "switchyard:selected_tenant_name";
}
