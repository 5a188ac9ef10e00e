namespace Switchyard.Shared.Admin;

/// <summary>
/// One mapping from a value of the identity provider's group claim (e.g. a group name or id in <c>groups</c>) to a tenant
/// role and/or a team with a team role. Every mapping whose <paramref name="Value"/> the person carries applies: the first
/// matching mapping with a <paramref name="Role"/> decides the tenant role; each matching team mapping adds the team.
/// </summary>
public sealed record SsoMappingDto(string Value, MemberRole? Role = null, Guid? TeamId = null, TeamRole? TeamRole = null);

/// <summary>A tenant's OpenID Connect single sign-on; the client secret is never returned (<paramref name="HasClientSecret"/>).</summary>
/// <param name="RedirectUri">The redirect (callback) URI to register at the identity provider, as seen by this request.</param>
public sealed record SsoConfigDto(
    Guid TenantId,
    string Issuer,
    string ClientId,
    bool HasClientSecret,
    IReadOnlyList<string> AllowedDomains,
    IReadOnlyList<string> Scopes,
    string GroupsClaim,
    MemberRole DefaultRole,
    IReadOnlyList<SsoMappingDto> Mappings,
    bool SsoOnly,
    string RedirectUri,
    DateTimeOffset UpdatedAt);

/// <summary>
/// PUT /api/tenants/{tenantId}/sso. <paramref name="ClientSecret"/> may be omitted (null) to keep the stored one;
/// <paramref name="Scopes"/> defaults to openid, profile, email; <paramref name="GroupsClaim"/> to <c>groups</c>.
/// </summary>
public sealed record SsoConfigRequest(
    string Issuer,
    string ClientId,
    string? ClientSecret,
    IReadOnlyList<string> AllowedDomains,
    IReadOnlyList<string>? Scopes = null,
    string? GroupsClaim = null,
    MemberRole DefaultRole = MemberRole.Developer,
    IReadOnlyList<SsoMappingDto>? Mappings = null,
    bool SsoOnly = false);

/// <summary>Whether single sign-on applies to an email's domain, and where to start it.</summary>
/// <param name="LoginPath">The control plane's path that starts the sign-in (add <c>?returnUrl=</c>); null without SSO.</param>
public sealed record SsoDiscoveryDto(bool Sso, Guid? TenantId = null, bool SsoOnly = false, string? LoginPath = null);

/// <summary>POST /api/auth/sso/exchange: the one-time code a finished SSO sign-in appended to the return URL.</summary>
public sealed record SsoExchangeRequest(string Code);
