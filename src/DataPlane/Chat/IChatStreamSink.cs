namespace Switchyard.DataPlane.Chat;

/// <summary>
/// Receives a streamed answer as canonical events and writes it in the caller's dialect as they arrive.
/// A provider calls <see cref="StartAsync"/> once the upstream has answered successfully, then deltas, then
/// <see cref="FinishAsync"/> per choice, <see cref="UsageAsync"/> whenever counts are known (the last call wins), and
/// finally exactly one of <see cref="CompleteAsync"/> or <see cref="ErrorAsync"/>.
/// Tool indexes count tool calls within a choice (0, 1, ...), independent of any provider block index.
/// </summary>
public interface IChatStreamSink
{
    /// <summary>The stream begins; <paramref name="id"/> and <paramref name="upstreamModel"/> may be empty.</summary>
    ValueTask StartAsync(string? id, string? upstreamModel, CancellationToken cancellationToken);

    ValueTask TextAsync(int choice, string text, CancellationToken cancellationToken);

    /// <summary>Reasoning/thinking text (not part of the answer).</summary>
    ValueTask ReasoningAsync(int choice, string text, CancellationToken cancellationToken);

    /// <summary>A tool call opens; its arguments follow through <see cref="ToolArgumentsAsync"/>.</summary>
    ValueTask ToolCallAsync(int choice, int toolIndex, string id, string name, CancellationToken cancellationToken);

    /// <summary>A fragment of a tool call's JSON arguments (fragments concatenate to the whole JSON text).</summary>
    ValueTask ToolArgumentsAsync(int choice, int toolIndex, string fragment, CancellationToken cancellationToken);

    ValueTask FinishAsync(int choice, FinishReason reason, string? stopSequence, CancellationToken cancellationToken);

    /// <summary>Token counts so far (cumulative); the last call before the end is the total.</summary>
    ValueTask UsageAsync(TokenUsage usage, CancellationToken cancellationToken);

    /// <summary>The stream ended normally.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);

    /// <summary>The stream failed after it started; the sink ends it with the dialect's error event.</summary>
    ValueTask ErrorAsync(GatewayError error, CancellationToken cancellationToken);
}
