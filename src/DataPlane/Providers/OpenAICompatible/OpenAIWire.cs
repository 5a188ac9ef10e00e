using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>Pieces of the OpenAI wire format shared by the response and stream readers.</summary>
internal static class OpenAIWire
{
    private const string IdAlphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>
    /// A choice's finish reason in canonical terms: Mistral <c>model_length</c> → length, Together <c>eos</c> and Mistral
    /// <c>error</c> → stop, legacy <c>function_call</c> → tool calls. A plain stop after tool calls is a tool-call stop
    /// (some servers say <c>stop</c>); a stop with vLLM's matched <c>stop_reason</c> string is a stop sequence.
    /// </summary>
    public static FinishReason MapFinish(JsonElement choice, string reason, bool calledTools, out string? stopSequence)
    {
        stopSequence = null;
        var mapped = reason switch
        {
            "length" or "model_length" or "max_tokens" => FinishReason.Length,
            "tool_calls" or "function_call" or "tool_use" => FinishReason.ToolCalls,
            "content_filter" => FinishReason.ContentFilter,
            _ => FinishReason.Stop,
        };

        if (mapped != FinishReason.Stop)
        {
            return mapped;
        }

        if (calledTools)
        {
            return FinishReason.ToolCalls;
        }

        if (choice.TryGetProperty("stop_reason"u8, out var matched) && matched.ValueKind == JsonValueKind.String)
        {
            stopSequence = matched.GetString();
            return FinishReason.StopSequence;
        }

        return FinishReason.Stop;
    }

    /// <summary>
    /// Canonical usage from an OpenAI <c>usage</c> object (also Groq's <c>x_groq.usage</c>): cached prompt tokens from
    /// <c>prompt_tokens_details.cached_tokens</c> (DeepSeek: <c>prompt_cache_hit_tokens</c>), reasoning tokens from
    /// <c>completion_tokens_details.reasoning_tokens</c>.
    /// </summary>
    public static TokenUsage ReadUsage(JsonElement usage)
    {
        var cached = Int(Child(usage, "prompt_tokens_details"u8), "cached_tokens"u8) ?? Int(usage, "prompt_cache_hit_tokens"u8) ?? 0;
        return new TokenUsage(
            Int(usage, "prompt_tokens"u8) ?? 0,
            Int(usage, "completion_tokens"u8) ?? 0,
            CachedInputTokens: cached,
            ReasoningTokens: Int(Child(usage, "completion_tokens_details"u8), "reasoning_tokens"u8) ?? 0);
    }

    /// <summary>An object-valued property, or default.</summary>
    public static JsonElement Child(JsonElement element, ReadOnlySpan<byte> name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object
            ? child
            : default;

    /// <summary>A string-valued property, or null.</summary>
    public static string? String(JsonElement element, ReadOnlySpan<byte> name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>An integer-valued property, or null.</summary>
    public static int? Int(JsonElement element, ReadOnlySpan<byte> name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : null;

    /// <summary>Tool-call arguments as JSON text: the string, or the raw JSON when a server sends an object.</summary>
    public static string Arguments(JsonElement function) =>
        function.ValueKind == JsonValueKind.Object && function.TryGetProperty("arguments"u8, out var arguments)
            ? arguments.ValueKind switch
            {
                JsonValueKind.String => arguments.GetString()!,
                JsonValueKind.Null => "",
                _ => arguments.GetRawText(),
            }
            : "";

    /// <summary>A tool-call id for upstreams that send none: "call_" + 24 random alphanumerics.</summary>
    public static string NewToolCallId() => string.Create(29, 0, static (span, _) =>
    {
        "call_".CopyTo(span);
        Random.Shared.GetItems(IdAlphabet, span[5..]);
    });
}
