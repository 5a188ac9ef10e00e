using Switchyard.Shared.Messages;

namespace Switchyard.Shared.Admin;

/// <summary>One request of GET /api/tenants/{tenantId}/usage.</summary>
/// <param name="Attempts">Every upstream attempt when there was more than one (retries, failover, fallbacks); null otherwise.</param>
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
    IReadOnlyList<UsageAttempt>? Attempts = null);

public sealed record UsageKeyTotalsDto(
    Guid KeyId,
    string KeyName,
    string KeyPrefix,
    Guid TeamId,
    long Requests,
    long PromptTokens,
    long CompletionTokens);
