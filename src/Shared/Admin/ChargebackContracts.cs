namespace Switchyard.Shared.Admin;

/// <summary>
/// GET /api/tenants/{tenantId}/chargeback: the tenant's usage and cost over [<paramref name="From"/>, <paramref name="To"/>)
/// grouped by <paramref name="GroupBy"/> (team, costCenter, tag, key or model), read from the rollups. <paramref name="Total"/> is the
/// tenant's whole usage in the range; with groupBy=tag a record carrying several tags counts under each and an untagged
/// one under none, so tag lines need not add up to the total.
/// </summary>
/// <param name="Days">With <c>series=day</c>: each group's cost per day of the tenant's time zone (<paramref name="TimeZone"/>),
/// days without usage left out; otherwise null.</param>
/// <param name="TimeZone">The IANA zone the days are counted in (the tenant's, as its statements); null without a series.</param>
public sealed record ChargebackDto(
    Guid TenantId,
    DateTimeOffset From,
    DateTimeOffset To,
    string GroupBy,
    ChargebackLineDto Total,
    IReadOnlyList<ChargebackLineDto> Lines,
    IReadOnlyList<ChargebackDayDto>? Days = null,
    string? TimeZone = null);

/// <summary>One group's cost on one day (<paramref name="Day"/> in the tenant's zone); <paramref name="Key"/> as in the lines.</summary>
public sealed record ChargebackDayDto(DateOnly Day, string Key, long CostMicros);

/// <summary>One group's usage; <paramref name="CostMicros"/> is US dollars × 10⁶ (exact), <paramref name="CostUsd"/> the same in dollars.</summary>
/// <param name="Key">The group's value: team, key id, cost centre, tag or model name ("total" for the total; by cost centre
/// "" for usage of teams without one and without a team).</param>
/// <param name="Label">A readable name when the key is an id (team or key name); "(none)" for usage without one.</param>
/// <param name="InputCostMicros">The cost of uncached input tokens (embeddings: all input). This and the next four parts
/// plus <paramref name="UnattributedCostMicros"/> (records from nodes that did not split their cost) add up to
/// <paramref name="CostMicros"/> exactly.</param>
/// <param name="OutputCostMicros">The cost of output tokens other than reasoning.</param>
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
    decimal CostUsd,
    long InputCostMicros = 0,
    long CachedInputCostMicros = 0,
    long CacheWriteCostMicros = 0,
    long OutputCostMicros = 0,
    long ReasoningCostMicros = 0,
    long UnattributedCostMicros = 0);

/// <summary>A closed monthly statement (GET …/chargeback/statements): the tenant's month in its time zone, numbered per tenant.</summary>
public sealed record ChargebackStatementSummaryDto(
    Guid Id, int Number, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, string TimeZone, DateTimeOffset ClosedAt, long Requests, long CostMicros,
    decimal CostUsd);

/// <summary>A statement with its lines (GET …/chargeback/statements/{id}) and a subtotal per cost centre.</summary>
public sealed record ChargebackStatementDto(
    ChargebackStatementSummaryDto Statement, IReadOnlyList<ChargebackCostCenterDto> CostCenters, IReadOnlyList<ChargebackStatementLineDto> Lines);

/// <summary>The lines of one cost centre together ("" for teams without one and usage without a team).</summary>
public sealed record ChargebackCostCenterDto(string CostCenter, long Requests, long CostMicros, decimal CostUsd);

/// <summary>
/// One statement line: a team's usage of one model at one price version over the period, each token kind with its tokens
/// and its cost, and the total cost. <paramref name="Kind"/> is <c>usage</c> (the statement's month), <c>adjustment</c>
/// (usage of an earlier, closed month that arrived after that month's statement closed; the figures are the difference)
/// or <c>shared</c>. The cost parts per token kind and <paramref name="UnattributedCostMicros"/> add up to
/// <paramref name="CostMicros"/> exactly (unattributed: usage from nodes that did not split their cost, and shared lines).
/// </summary>
public sealed record ChargebackStatementLineDto(
    Guid Id, string Kind, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, Guid TeamId, string TeamName, string CostCenter, string Model,
    string PriceVersion, long Requests, long InputTokens, long OutputTokens, long CachedInputTokens, long CacheWriteTokens, long ReasoningTokens,
    long CostMicros, decimal CostUsd, long InputCostMicros = 0, long CachedInputCostMicros = 0, long CacheWriteCostMicros = 0,
    long OutputCostMicros = 0, long ReasoningCostMicros = 0, long UnattributedCostMicros = 0);

/// <summary>
/// The usage records behind a statement line (GET …/statements/{id}/lines/{lineId}/requests), oldest first, a page at a
/// time: every record of the line's period, team, model and price version. For an adjustment line these are all the
/// records of that group in the earlier month; the line is what they add to what earlier statements already charged.
/// </summary>
public sealed record ChargebackLineRequestsDto(Guid LineId, int Page, int PageSize, long Total, IReadOnlyList<ChargebackRequestDto> Items);

/// <summary>One usage record as charged: its tokens, its cost (and its part per token kind) and the price version that applied.</summary>
public sealed record ChargebackRequestDto(
    Guid Id, DateTimeOffset Timestamp, Guid KeyId, string Model, int StatusCode, int PromptTokens, int CompletionTokens, int CachedInputTokens,
    int CacheWriteTokens, int ReasoningTokens, long CostMicros, string? PriceVersion, bool Estimated, long InputCostMicros = 0,
    long CachedInputCostMicros = 0, long CacheWriteCostMicros = 0, long OutputCostMicros = 0, long ReasoningCostMicros = 0,
    long UnattributedCostMicros = 0);

/// <summary>
/// GET/PUT /api/tenants/{tenantId}/chargeback/settings: a fixed monthly shared cost (micro-dollars; 0: none) that each
/// statement splits over the teams by their share of the month's usage cost, as <c>shared</c> lines named <paramref name="SharedCostLabel"/>.
/// </summary>
public sealed record ChargebackSettingsDto(long SharedCostMicros, string SharedCostLabel);
