namespace Switchyard.Shared.Admin;

/// <summary>A tenant's SCIM provisioning token as listed: never the token itself nor its hash.</summary>
public sealed record ScimTokenDto(
    Guid Id,
    Guid TenantId,
    string Name,
    string Prefix,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt);

public sealed record CreateScimTokenRequest(string Name);

/// <summary>The only time the SCIM token itself is returned: it is stored as a hash.</summary>
public sealed record CreatedScimTokenDto(ScimTokenDto Token, string Secret);

/// <summary>What an identity provider needs to provision the tenant: the SCIM base URL, and the tenant's tokens.</summary>
/// <param name="BaseUrl">The SCIM 2.0 base URL ("Tenant URL" in Entra ID, "SCIM connector base URL" in Okta).</param>
public sealed record ScimSettingsDto(string BaseUrl, IReadOnlyList<ScimTokenDto> Tokens);
