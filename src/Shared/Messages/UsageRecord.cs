namespace Switchyard.Shared.Messages;

/// <summary>One gateway request, as measured by the node that served it.</summary>
/// <param name="Id">Time-ordered unique id (UUID v7); the idempotency key.</param>
/// <param name="Endpoint">e.g. "chat.completions".</param>
/// <param name="StatusCode">HTTP status returned to the caller.</param>
/// <param name="ErrorCode">The error code returned to the caller, when the request failed.</param>
/// <param name="TimeToFirstTokenMs">For streams: time until the first byte of the body reached the caller.</param>
/// <param name="Attempts">
/// Every upstream attempt in order when there was more than one (retries, failover, fallbacks); the record's route,
/// deployment and tokens are those of the last. Null for a single attempt (and in records from older nodes).
/// </param>
/// <param name="Findings">What the tenant's policies found in the request or answer (never the values); null: nothing.</param>
/// <param name="Audit">The request's audit entry data (hashes, and bodies in <c>full</c> mode); null: not audited.</param>
/// <param name="CostParts">
/// <paramref name="CostMicros"/> per token kind, adding up to it exactly; null in records from older nodes (the whole cost is then unattributed).
/// </param>
public sealed record UsageRecord(
    Guid Id,
    DateTimeOffset Timestamp,
    string NodeId,
    Guid TenantId,
    Guid TeamId,
    Guid KeyId,
    string Endpoint,
    string Model,
    Guid? RouteId,
    Guid? DeploymentId,
    string? ProviderKind,
    string? UpstreamModel,
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
    IReadOnlyList<UsageFinding>? Findings = null,
    UsageAudit? Audit = null,
    UsageCostParts? CostParts = null);

/// <summary>One upstream attempt of a request.</summary>
/// <param name="StatusCode">The upstream's status, or the gateway's (502 unreachable, 504 timeout) when there was no answer.</param>
/// <param name="ErrorCode">Why the attempt failed (e.g. <c>upstream_error</c>, <c>rate_limited</c>); null for the one that answered.</param>
public sealed record UsageAttempt(Guid RouteId, Guid DeploymentId, string ProviderKind, int StatusCode, string? ErrorCode, double LatencyMs);

/// <summary>One rule's findings in a request: the rule (a DLP detector, <c>custom:NAME</c> or a guardrail's name), how often, what was done.</summary>
/// <param name="Policy">The policy whose rule it was.</param>
/// <param name="Action">block, redact, mask, pseudonymize or log.</param>
/// <param name="Output">True when found in the answer, false in the request.</param>
public sealed record UsageFinding(string Policy, string Rule, int Count, string Action, bool Output = false);
