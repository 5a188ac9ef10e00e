namespace Switchyard.DataPlane.Chat;

/// <summary>One generated answer of a non-streamed response.</summary>
public sealed class ChatChoice
{
    public int Index { get; init; }

    /// <summary>The answer's text; null when the model only called tools.</summary>
    public string? Text { get; set; }

    /// <summary>Reasoning/thinking text, when the provider returns it.</summary>
    public string? Reasoning { get; set; }

    public List<ToolCall> ToolCalls { get; } = [];

    public FinishReason FinishReason { get; set; }

    /// <summary>The stop sequence that ended the answer, when <see cref="FinishReason"/> is <see cref="Chat.FinishReason.StopSequence"/>.</summary>
    public string? StopSequence { get; set; }
}
