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
    RateLimits? Limits = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyDictionary<string, string>? Metadata = null,
    bool AllowRequestTags = false,
    IReadOnlyList<Guid>? PolicyIds = null,
    string? UseCase = null,
    Budget? Budget = null,
    Guid? OwnerMemberId = null,
    string? CreatedBy = null,
    string? PreviousPrefix = null,
    DateTimeOffset? PreviousExpiresAt = null,
    DateTimeOffset? RotatedAt = null,
    DateTimeOffset? LastUsedAt = null);

/// <param name="AllowedModels">Public model names; null or empty allows every model routed for the tenant.</param>
/// <param name="Limits">The key's rate limits; null for none.</param>
/// <param name="Tags">Attribution tags stored on every usage record of the key (<c>cost-center:4711</c>, <c>app:search</c>; at most 10).</param>
/// <param name="Metadata">Free metadata (at most 20 entries; names up to 64, values up to 256 characters); not sent to the nodes.</param>
/// <param name="Budget">The key's budget (tenant admins only); null for none.</param>
/// <param name="AllowRequestTags">Requests may add up to 5 tags with the <c>x-switchyard-tags</c> header (otherwise the header is refused with 400).</param>
/// <param name="PolicyIds">Policies the key's requests are held to beside its team's and the tenant's default (tenant admins only).</param>
/// <param name="UseCase">What the key is for (<c>customer-support</c>), matched against policies' use-case rules (tenant admins only).</param>
/// <param name="Personal">
/// A personal key of the caller (a member): attributed to them and revoked when they leave the team or are removed or
/// deactivated. Otherwise a service key of the team.
/// </param>
public sealed record CreateKeyRequest(
    Guid TeamId,
    string Name,
    IReadOnlyList<string>? AllowedModels = null,
    DateTimeOffset? ExpiresAt = null,
    RateLimits? Limits = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyDictionary<string, string>? Metadata = null,
    bool AllowRequestTags = false,
    IReadOnlyList<Guid>? PolicyIds = null,
    string? UseCase = null,
    Budget? Budget = null,
    bool Personal = false);

/// <summary>
/// PATCH /api/tenants/{tenantId}/keys/{keyId}: the fields given replace the key's; null leaves one unchanged; empty
/// <paramref name="Limits"/> (<c>{}</c>) removes the limits; <paramref name="Budget"/> <c>{"remove": true}</c> removes the budget.
/// </summary>
public sealed record UpdateKeyRequest(
    string? Name = null,
    RateLimits? Limits = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyDictionary<string, string>? Metadata = null,
    bool? AllowRequestTags = null,
    IReadOnlyList<Guid>? PolicyIds = null,
    string? UseCase = null,
    BudgetUpdate? Budget = null);

/// <summary>The only time the key itself is returned: it is stored as a hash.</summary>
public sealed record CreatedKeyDto(KeyDto Key, string Secret);

/// <summary>
/// POST /api/tenants/{tenantId}/keys/{keyId}/rotate: a new secret; the old one keeps working for the grace period
/// (<paramref name="GraceSeconds"/>, default 24 h, 0 to stop it at once, at most 30 days).
/// </summary>
public sealed record RotateKeyRequest(int? GraceSeconds = null);
