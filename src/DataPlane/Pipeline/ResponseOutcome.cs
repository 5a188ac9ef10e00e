using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Pipeline;

/// <summary>What a request's response did, recorded by <see cref="GatewayContext"/> as the response reports it.</summary>
public sealed class ResponseOutcome
{
    /// <summary>Timestamp (<see cref="TimeProvider"/> ticks) when the first body byte went to the caller.</summary>
    public long? FirstByteTimestamp { get; internal set; }

    /// <summary>Timestamp when the request ended; set when the pipeline completes.</summary>
    public long EndTimestamp { get; internal set; }

    public TokenUsage Usage { get; internal set; }

    public FinishReason? FinishReason { get; internal set; }

    /// <summary>The status to record when it differs from the response's (mid-stream failure, caller gone), or an error's.</summary>
    public int? Status { get; internal set; }

    /// <summary>The error code answered or recorded; null for a success.</summary>
    public string? ErrorCode { get; internal set; }
}
