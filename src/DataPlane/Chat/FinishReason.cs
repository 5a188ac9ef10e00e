namespace Switchyard.DataPlane.Chat;

/// <summary>Why a choice ended, in the gateway's terms (mapped to each dialect's stop/finish reason).</summary>
public enum FinishReason
{
    /// <summary>Natural end of the turn (OpenAI <c>stop</c>, Anthropic <c>end_turn</c>).</summary>
    Stop,

    /// <summary>A stop sequence matched (OpenAI <c>stop</c>, Anthropic <c>stop_sequence</c>).</summary>
    StopSequence,

    /// <summary>The output token limit was reached (OpenAI <c>length</c>, Anthropic <c>max_tokens</c>).</summary>
    Length,

    /// <summary>The model called tools (OpenAI <c>tool_calls</c>, Anthropic <c>tool_use</c>).</summary>
    ToolCalls,

    /// <summary>Output withheld by a safety filter (OpenAI <c>content_filter</c>, Anthropic <c>refusal</c>).</summary>
    ContentFilter,
}
