namespace Switchyard.Shared.Messages;

/// <summary>One gateway request, as measured by the node that served it.</summary>
/// <param name="Id">Time-ordered unique id (UUID v7); the idempotency key.</param>
/// <param name="Endpoint">e.g. "chat.completions".</param>
/// <param name="StatusCode">HTTP status returned to the caller.</param>
/// <param name="ErrorCode">The error code returned to the caller, when the request failed.</param>
/// <param name="TimeToFirstTokenMs">For streams: time until the first byte of the body reached the caller.</param>
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
    double? TimeToFirstTokenMs);
