using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>What the gateway needs to know about one OpenAI JSON payload (a response body or a stream chunk).</summary>
/// <param name="FinishReason">The first choice's <c>finish_reason</c>, when the payload carries one.</param>
/// <param name="CachedTokens"><c>usage.prompt_tokens_details.cached_tokens</c> (DeepSeek: <c>usage.prompt_cache_hit_tokens</c>).</param>
/// <param name="ReasoningTokens"><c>usage.completion_tokens_details.reasoning_tokens</c>.</param>
/// <param name="OutputCharacters">
/// Length of the text the choices' <c>delta</c>s carry (content, reasoning, tool-call arguments; JSON-escaped), for the
/// estimate of a stream that ends without usage.
/// </param>
public readonly record struct ChunkInfo(
    bool Valid,
    bool HasUsage,
    int PromptTokens,
    int CompletionTokens,
    bool EmptyChoices,
    bool HasError,
    FinishReason? FinishReason = null,
    int CachedTokens = 0,
    int ReasoningTokens = 0,
    int OutputCharacters = 0)
{
    /// <summary>The usage in the gateway's terms.</summary>
    public TokenUsage Usage => new(PromptTokens, CompletionTokens, CachedInputTokens: CachedTokens, ReasoningTokens: ReasoningTokens);
}
