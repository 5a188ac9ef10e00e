using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Pipeline;

/// <summary>What a request's response did so far, as <see cref="GatewayContext"/> recorded it from the reports.</summary>
/// <param name="FirstByteTimestamp">Timestamp (<see cref="TimeProvider"/> ticks) when the first body byte went to the caller.</param>
/// <param name="EndTimestamp">When the request ended (0 until the pipeline completes it).</param>
/// <param name="Status">The status to record when it differs from the response's (mid-stream failure, caller gone), or an error's.</param>
/// <param name="ErrorCode">The error code answered or recorded; null for a success.</param>
public readonly record struct ResponseOutcome(
    long? FirstByteTimestamp,
    long EndTimestamp,
    TokenUsage Usage,
    FinishReason? FinishReason,
    int? Status,
    string? ErrorCode);
