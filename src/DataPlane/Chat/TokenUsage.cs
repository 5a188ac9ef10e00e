namespace Switchyard.DataPlane.Chat;

/// <summary>
/// Token counts in the gateway's terms. <see cref="InputTokens"/> is every prompt token (cached ones included, like
/// OpenAI's <c>prompt_tokens</c>); <see cref="OutputTokens"/> includes reasoning tokens (like <c>completion_tokens</c>).
/// </summary>
public readonly record struct TokenUsage(
    int InputTokens,
    int OutputTokens,
    int CachedInputTokens = 0,
    int CacheWriteInputTokens = 0,
    int ReasoningTokens = 0)
{
    public int TotalTokens => InputTokens + OutputTokens;

    /// <summary>Anthropic's <c>input_tokens</c>: the prompt tokens that were neither read from nor written to the cache.</summary>
    public int UncachedInputTokens => Math.Max(0, InputTokens - CachedInputTokens - CacheWriteInputTokens);
}
