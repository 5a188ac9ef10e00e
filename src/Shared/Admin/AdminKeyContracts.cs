namespace Switchyard.Shared.Admin;

/// <summary>An admin API key as listed: never the key itself nor its hash.</summary>
/// <param name="TenantId">Null for a platform key.</param>
public sealed record AdminKeyDto(
    Guid Id,
    Guid? TenantId,
    string Name,
    string Prefix,
    MemberRole Role,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt);

/// <param name="Role">
/// Required for a tenant key (Developer, Finance or TenantAdmin, no higher than the caller's own role);
/// a platform key is always PlatformAdmin, so it may be omitted there.
/// </param>
public sealed record CreateAdminKeyRequest(string Name, MemberRole? Role = null);

/// <summary>The only time the admin key itself is returned: it is stored as a hash.</summary>
public sealed record CreatedAdminKeyDto(AdminKeyDto Key, string Secret);
