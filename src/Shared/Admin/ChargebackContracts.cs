namespace Switchyard.Shared.Admin;

/// <summary>
/// GET /api/tenants/{tenantId}/chargeback: the tenant's usage and cost over [<paramref name="From"/>, <paramref name="To"/>)
/// grouped by <paramref name="GroupBy"/> (team, tag, key or model), read from the rollups. <paramref name="Total"/> is the
/// tenant's whole usage in the range; with groupBy=tag a record carrying several tags counts under each and an untagged
/// one under none, so tag lines need not add up to the total.
/// </summary>
public sealed record ChargebackDto(
    Guid TenantId,
    DateTimeOffset From,
    DateTimeOffset To,
    string GroupBy,
    ChargebackLineDto Total,
    IReadOnlyList<ChargebackLineDto> Lines);

/// <summary>One group's usage; <paramref name="CostMicros"/> is US dollars × 10⁶ (exact), <paramref name="CostUsd"/> the same in dollars.</summary>
/// <param name="Key">The group's value: team, key id, tag or model name ("total" for the total).</param>
/// <param name="Label">A readable name when the key is an id (team or key name); "(none)" for usage without one.</param>
public sealed record ChargebackLineDto(
    string Key,
    string? Label,
    long Requests,
    long Errors,
    long InputTokens,
    long OutputTokens,
    long CachedInputTokens,
    long CacheWriteTokens,
    long ReasoningTokens,
    long CostMicros,
    decimal CostUsd);
