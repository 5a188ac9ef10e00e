using System.Text;
using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.Bedrock;

/// <summary>Reads a Converse response: <c>output.message.content</c>, <c>stopReason</c> and <c>usage</c>.</summary>
internal static class BedrockResponseReader
{
    /// <summary>The canonical answer, or null when the body is not a Converse response.</summary>
    public static ChatResponse? Read(JsonElement root, string? upstreamModel)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("output", out var output) || output.ValueKind != JsonValueKind.Object
            || !output.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var choice = new ChatChoice { Index = 0, FinishReason = MapStopReason(Str(root, "stopReason")) };
        StringBuilder? text = null, reasoning = null;
        if (message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in content.EnumerateArray())
            {
                if (block.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                if (Str(block, "text") is { } blockText)
                {
                    (text ??= new StringBuilder()).Append(blockText);
                }
                else if (block.TryGetProperty("toolUse", out var toolUse) && toolUse.ValueKind == JsonValueKind.Object)
                {
                    var arguments = toolUse.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object ? input.GetRawText() : "{}";
                    choice.ToolCalls.Add(new ToolCall(Str(toolUse, "toolUseId") ?? BedrockIds.NewCallId(), Str(toolUse, "name") ?? "", arguments));
                }
                else if (block.TryGetProperty("reasoningContent", out var reasoningContent)
                    && reasoningContent.ValueKind == JsonValueKind.Object
                    && reasoningContent.TryGetProperty("reasoningText", out var reasoningText)
                    && Str(reasoningText, "text") is { } thought)
                {
                    (reasoning ??= new StringBuilder()).Append(thought);
                }
            }
        }

        choice.Text = text?.ToString();
        choice.Reasoning = reasoning?.ToString();
        var response = new ChatResponse { UpstreamModel = upstreamModel };
        response.Choices.Add(choice);
        if (root.TryGetProperty("usage", out var usage))
        {
            response.Usage = ReadUsage(usage);
        }

        return response;
    }

    /// <summary>
    /// end_turn, stop_sequence → Stop; max_tokens, model_context_window_exceeded → Length; tool_use → ToolCalls;
    /// guardrail_intervened, content_filtered → ContentFilter; anything else (malformed_*) → Stop.
    /// </summary>
    public static FinishReason MapStopReason(string? stopReason) => stopReason switch
    {
        "max_tokens" or "model_context_window_exceeded" => FinishReason.Length,
        "tool_use" => FinishReason.ToolCalls,
        "guardrail_intervened" or "content_filtered" => FinishReason.ContentFilter,
        _ => FinishReason.Stop,
    };

    /// <summary>Input counts every prompt token: inputTokens + cacheReadInputTokens + cacheWriteInputTokens.</summary>
    public static TokenUsage ReadUsage(JsonElement usage)
    {
        var input = Int(usage, "inputTokens");
        var cacheRead = Int(usage, "cacheReadInputTokens");
        var cacheWrite = Int(usage, "cacheWriteInputTokens");
        return new TokenUsage(input + cacheRead + cacheWrite, Int(usage, "outputTokens"), cacheRead, cacheWrite);
    }

    private static int Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : 0;

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
