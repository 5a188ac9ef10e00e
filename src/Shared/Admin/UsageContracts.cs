using Switchyard.Shared.Messages;

namespace Switchyard.Shared.Admin;

/// <summary>One request of GET /api/tenants/{tenantId}/usage.</summary>
/// <param name="Attempts">Every upstream attempt when there was more than one (retries, failover, fallbacks); null otherwise.</param>
/// <param name="CostMicros">Cost in micro-dollars (USD × 10⁶) at <paramref name="PriceVersion"/>; 0 with no price.</param>
/// <param name="Findings">What the tenant's policies found (rule, count, action; never the values); null: nothing.</param>
/// <param name="Estimated">The tokens are the node's estimate (a stream cut before the provider reported usage).</param>
public sealed record UsageRecordDto(
    Guid Id,
    DateTimeOffset Timestamp,
    Guid TeamId,
    Guid KeyId,
    string Model,
    string? ProviderKind,
    bool Stream,
    int PromptTokens,
    int CompletionTokens,
    int StatusCode,
    string? ErrorCode,
    double LatencyMs,
    double? TimeToFirstTokenMs,
    IReadOnlyList<UsageAttempt>? Attempts = null,
    int CachedInputTokens = 0,
    int CacheWriteTokens = 0,
    int ReasoningTokens = 0,
    long CostMicros = 0,
    string? PriceVersion = null,
    bool Estimated = false,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<UsageFinding>? Findings = null);

public sealed record UsageKeyTotalsDto(
    Guid KeyId,
    string KeyName,
    string KeyPrefix,
    Guid TeamId,
    long Requests,
    long PromptTokens,
    long CompletionTokens,
    long CostMicros = 0);
