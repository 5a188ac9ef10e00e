namespace Switchyard.DataPlane.Streaming;

/// <summary>One server-sent event. <see cref="Data"/> is valid until the reader's next read.</summary>
/// <param name="Event">The <c>event:</c> field, or null when the event had none.</param>
public readonly record struct SseEvent(string? Event, ReadOnlyMemory<byte> Data)
{
    /// <summary>True for OpenAI's terminal <c>data: [DONE]</c>.</summary>
    public bool IsDone => Data.Span.SequenceEqual("[DONE]"u8);
}
