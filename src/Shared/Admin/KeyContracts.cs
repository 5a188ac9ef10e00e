using Switchyard.Shared.Configuration;

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
    DateTimeOffset? RevokedAt,
    RateLimits? Limits = null);

/// <param name="AllowedModels">Public model names; null or empty allows every model routed for the tenant.</param>
/// <param name="Limits">The key's rate limits; null for none.</param>
public sealed record CreateKeyRequest(
    Guid TeamId, string Name, IReadOnlyList<string>? AllowedModels = null, DateTimeOffset? ExpiresAt = null, RateLimits? Limits = null);

/// <summary>A partial update: null leaves a field unchanged; empty <paramref name="Limits"/> (<c>{}</c>) removes the limits.</summary>
public sealed record UpdateKeyRequest(string? Name = null, RateLimits? Limits = null);

/// <summary>The only time the key itself is returned: it is stored as a hash.</summary>
public sealed record CreatedKeyDto(KeyDto Key, string Secret);
