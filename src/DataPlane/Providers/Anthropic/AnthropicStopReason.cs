using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.Anthropic;

/// <summary>Anthropic <c>stop_reason</c> → canonical finish reason (provider-wire-formats §5.1).</summary>
internal static class AnthropicStopReason
{
    public static FinishReason Map(string? stopReason) => stopReason switch
    {
        "stop_sequence" => FinishReason.StopSequence,
        "max_tokens" or "model_context_window_exceeded" => FinishReason.Length,
        "tool_use" => FinishReason.ToolCalls,
        "refusal" => FinishReason.ContentFilter,
        _ => FinishReason.Stop, // end_turn, pause_turn, and anything newer
    };
}
