namespace Switchyard.Shared.Admin;

public sealed record KeyDto(
    Guid Id,
    Guid TenantId,
    Guid TeamId,
    string Name,
    string Prefix,
    IReadOnlyList<string> AllowedModels,
    string Status,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt);

/// <param name="AllowedModels">Public model names; null or empty allows every model routed for the tenant.</param>
public sealed record CreateKeyRequest(Guid TeamId, string Name, IReadOnlyList<string>? AllowedModels = null, DateTimeOffset? ExpiresAt = null);

/// <summary>The only time the key itself is returned: it is stored as a hash.</summary>
public sealed record CreatedKeyDto(KeyDto Key, string Secret);
