using System.Text.Json;

namespace Switchyard.DataPlane.Chat;

/// <summary>
/// A chat request in the gateway's canonical form: what every inbound dialect parses into and every provider
/// translates from. Fields a dialect does not have stay null.
/// </summary>
public sealed class ChatRequest
{
    /// <summary>The public model name the caller asked for.</summary>
    public string Model { get; set; } = "";

    /// <summary>System (and OpenAI developer) instructions, in order.</summary>
    public List<string> System { get; } = [];

    /// <summary>User, assistant and tool turns, in order.</summary>
    public List<ChatMessage> Messages { get; } = [];

    public List<ToolDefinition> Tools { get; } = [];

    public ToolChoice? ToolChoice { get; set; }

    /// <summary>False forbids several calls in one turn (Anthropic <c>disable_parallel_tool_use</c>).</summary>
    public bool? ParallelToolCalls { get; set; }

    public ResponseFormat? ResponseFormat { get; set; }

    public List<string>? Stop { get; set; }

    public double? Temperature { get; set; }

    public double? TopP { get; set; }

    public int? TopK { get; set; }

    /// <summary>Output token limit (OpenAI <c>max_completion_tokens</c>/<c>max_tokens</c>, Anthropic <c>max_tokens</c>).</summary>
    public int? MaxTokens { get; set; }

    /// <summary>The caller's name for <see cref="MaxTokens"/>, named in errors about it (OpenAI callers may use either).</summary>
    public string MaxTokensParam { get; set; } = "max_tokens";

    public long? Seed { get; set; }

    public double? FrequencyPenalty { get; set; }

    public double? PresencePenalty { get; set; }

    /// <summary>End-user id (OpenAI <c>user</c>, Anthropic <c>metadata.user_id</c>).</summary>
    public string? User { get; set; }

    /// <summary>Number of choices; null means one.</summary>
    public int? N { get; set; }

    /// <summary>OpenAI <c>reasoning_effort</c> (low, medium, high) for reasoning models.</summary>
    public string? ReasoningEffort { get; set; }

    /// <summary>Extended thinking budget (Anthropic <c>thinking.budget_tokens</c>, Gemini <c>thinkingBudget</c>).</summary>
    public int? ThinkingBudget { get; set; }

    public bool Stream { get; set; }

    /// <summary>The caller asked for usage in the stream (OpenAI <c>stream_options.include_usage</c>).</summary>
    public bool IncludeUsage { get; set; }

    /// <summary>
    /// Top-level fields of an OpenAI-dialect body the gateway does not model (e.g. vLLM's <c>min_p</c>), passed through
    /// unchanged to OpenAI-shaped upstreams only.
    /// </summary>
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>Rough input size in tokens (4 characters per token), for limits and providers that cannot count.</summary>
    public int EstimateInputTokens()
    {
        long chars = System.Sum(s => s.Length);
        foreach (var message in Messages)
        {
            foreach (var part in message.Content)
            {
                chars += part.Text?.Length ?? 1000;
            }

            foreach (var call in message.ToolCalls)
            {
                chars += call.Name.Length + call.Arguments.Length;
            }
        }

        foreach (var tool in Tools)
        {
            chars += tool.Name.Length + (tool.Description?.Length ?? 0) + tool.Parameters.GetRawText().Length;
        }

        return (int)Math.Min(int.MaxValue, (chars + 3) / 4 + Messages.Count * 3);
    }
}
