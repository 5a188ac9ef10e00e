namespace Switchyard.Shared.Admin;

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
    double? TimeToFirstTokenMs);

public sealed record UsageKeyTotalsDto(
    Guid KeyId,
    string KeyName,
    string KeyPrefix,
    Guid TeamId,
    long Requests,
    long PromptTokens,
    long CompletionTokens);
