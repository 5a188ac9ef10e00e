namespace Switchyard.Shared.Admin;

/// <summary>
/// GET /api/tenants/{tenantId}/analytics and /api/platform/analytics: series read from the hourly rollups.
/// <paramref name="From"/> and <paramref name="To"/> are the requested range widened to whole hours.
/// Percentiles are within <paramref name="PercentileMaxRelativeError"/> (relative) of the nearest-rank percentile of the records.
/// </summary>
public sealed record AnalyticsDto(
    DateTimeOffset From,
    DateTimeOffset To,
    string Interval,
    string? GroupBy,
    double PercentileMaxRelativeError,
    AnalyticsSeriesDto Total,
    IReadOnlyList<AnalyticsSeriesDto> Series);

/// <summary>One series: <paramref name="Summary"/> over the whole range, and one point per interval that had usage.</summary>
/// <param name="Key">The group's value (model name, or team/key/deployment/tenant id; "total" for the total).</param>
/// <param name="Label">A readable name when the key is an id (team, key, deployment, tenant name).</param>
public sealed record AnalyticsSeriesDto(string Key, string? Label, AnalyticsPointDto Summary, IReadOnlyList<AnalyticsPointDto> Points);

/// <summary>
/// The usage of one interval (or of the whole range, in a summary).
/// </summary>
/// <param name="ErrorRate">Errors (status ≥ 400) over requests, 0..1.</param>
/// <param name="OutputTokensPerSecond">Output tokens of successful requests over their generation time (latency after the first token, or the whole latency when none was recorded).</param>
/// <param name="CacheHitRate">Cached input tokens over input tokens, 0..1.</param>
public sealed record AnalyticsPointDto(
    DateTimeOffset Start,
    long Requests,
    long Errors,
    double ErrorRate,
    long Streams,
    double? LatencyP50Ms,
    double? LatencyP95Ms,
    double? LatencyP99Ms,
    double? TtftP50Ms,
    double? TtftP95Ms,
    double? TtftP99Ms,
    double? OutputTokensPerSecond,
    long InputTokens,
    long OutputTokens,
    long CachedInputTokens,
    long CacheWriteTokens,
    long ReasoningTokens,
    double CacheHitRate,
    long CostMicros);
