namespace Switchyard.Shared.Admin;

/// <summary>
/// One price row of the pricing catalog, USD per million tokens (GET /api/catalog/prices): a built-in row (from the providers'
/// public price lists) or a platform admin's. The row in effect for a model is the one with the longest matching
/// <paramref name="ModelPrefix"/> (matched like the model catalog), the admin's before the built-in one at equal length, and
/// among an admin's rows for the same provider kind and prefix the latest <paramref name="EffectiveFrom"/> not in the future.
/// </summary>
/// <param name="Version">The version id usage records name when billed at this row.</param>
/// <param name="ProviderKind">The provider kind the row applies to; null: every kind but mock.</param>
/// <param name="CachedInputPerMTok">Cached prompt tokens read; null: the input price.</param>
/// <param name="CacheWritePerMTok">Prompt tokens written to the cache; null: the input price.</param>
/// <param name="ReasoningPerMTok">Reasoning tokens where priced apart; null: the output price.</param>
/// <param name="EmbeddingInputPerMTok">Embedding input tokens; null: the input price.</param>
/// <param name="Source"><c>builtin</c> or <c>admin</c>.</param>
public sealed record ModelPriceDto(
    string Version,
    string? ProviderKind,
    string ModelPrefix,
    decimal InputPerMTok,
    decimal OutputPerMTok,
    decimal? CachedInputPerMTok,
    decimal? CacheWritePerMTok,
    decimal? ReasoningPerMTok,
    decimal? EmbeddingInputPerMTok,
    DateTimeOffset EffectiveFrom,
    string Source);

/// <summary>POST /api/platform/prices: a new price row (a new version; rows are never edited, the latest in effect wins).</summary>
/// <param name="EffectiveFrom">When the price starts to apply; null: now. Not in the future (a snapshot bills at the prices in effect when it is built).</param>
public sealed record CreateModelPriceRequest(
    string? ProviderKind,
    string ModelPrefix,
    decimal InputPerMTok,
    decimal OutputPerMTok,
    decimal? CachedInputPerMTok = null,
    decimal? CacheWritePerMTok = null,
    decimal? ReasoningPerMTok = null,
    decimal? EmbeddingInputPerMTok = null,
    DateTimeOffset? EffectiveFrom = null);

/// <summary>A tenant's own price for models matching <paramref name="ModelPrefix"/> (replaces the catalog's, no discount applied).</summary>
public sealed record TenantModelPrice(
    string? ProviderKind,
    string ModelPrefix,
    decimal InputPerMTok,
    decimal OutputPerMTok,
    decimal? CachedInputPerMTok = null,
    decimal? CacheWritePerMTok = null,
    decimal? ReasoningPerMTok = null,
    decimal? EmbeddingInputPerMTok = null);

/// <summary>GET/PUT /api/tenants/{tenantId}/pricing: the tenant's price overrides.</summary>
/// <param name="DiscountPercent">Percent off every catalog price (0–100); null: none.</param>
/// <param name="ModelPrices">Per-model prices, before the discounted catalog price.</param>
/// <param name="Version">Changes with every update; part of the price version of records billed at an override.</param>
public sealed record TenantPricingDto(Guid TenantId, decimal? DiscountPercent, IReadOnlyList<TenantModelPrice> ModelPrices, string? Version, DateTimeOffset? UpdatedAt);

public sealed record UpdateTenantPricingRequest(decimal? DiscountPercent, IReadOnlyList<TenantModelPrice>? ModelPrices);

/// <summary>One group of GET /api/tenants/{tenantId}/spend.</summary>
/// <param name="Key">The team id, key id, public model or tag ("(untagged)" for records without tags); "total" for the total.</param>
/// <param name="Label">The team's or key's name; null for models and tags.</param>
/// <param name="CostMicros">Micro-dollars (USD × 10⁶).</param>
public sealed record SpendGroupDto(
    string Key,
    string? Label,
    long CostMicros,
    long Requests,
    long PromptTokens,
    long CompletionTokens,
    long CachedInputTokens,
    long CacheWriteTokens,
    long ReasoningTokens,
    long EstimatedRequests)
{
    public decimal CostUsd => CostMicros / 1_000_000m;
}

/// <summary>
/// GET /api/tenants/{tenantId}/spend: totals of the records in [<paramref name="From"/>, <paramref name="To"/>), by
/// <paramref name="GroupBy"/>, most expensive first. Grouped by tag, a record with several tags counts in each of them.
/// </summary>
public sealed record SpendDto(DateTimeOffset From, DateTimeOffset To, string GroupBy, IReadOnlyList<SpendGroupDto> Groups, SpendGroupDto Total);
