using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>
/// The request quirks of one OpenAI-compatible upstream (wire formats §4.4): how the output limit and seed are named,
/// how "must call a tool" is spelled, which fields the upstream rejects, and whether tool-call ids must be rewritten.
/// </summary>
internal sealed class OpenAIFlavor
{
    private static readonly OpenAIFlavor OpenAI = new() { MaxCompletionTokens = true };
    private static readonly OpenAIFlavor Azure = new() { MaxCompletionTokens = true, IsAzure = true };
    // Mistral refuses unknown fields (422 extra_forbidden): stream_options, user and user/assistant names among them;
    // its last stream chunk carries usage anyway.
    private static readonly OpenAIFlavor Mistral = new()
    {
        SeedField = "random_seed", RequiredToolChoice = "any", ShortToolCallIds = true, MessageNames = false, StreamOptions = false, User = false,
    };

    private static readonly OpenAIFlavor Groq = new() { DropsLogprobs = true, MessageNames = false, SingleChoiceOnly = true };
    private static readonly OpenAIFlavor WithTopK = new() { TopK = true };
    private static readonly OpenAIFlavor Plain = new();

    /// <summary>Sends <c>max_completion_tokens</c> (OpenAI, Azure: required by reasoning models) instead of <c>max_tokens</c>.</summary>
    public bool MaxCompletionTokens { get; private init; }

    /// <summary>Azure OpenAI: deployment URLs, <c>api-key</c> header.</summary>
    public bool IsAzure { get; private init; }

    /// <summary>The request field carrying the seed (Mistral: <c>random_seed</c>).</summary>
    public string SeedField { get; private init; } = "seed";

    /// <summary>The <c>tool_choice</c> value forcing some tool call (Mistral: <c>any</c>).</summary>
    public string RequiredToolChoice { get; private init; } = "required";

    /// <summary>Tool-call ids must be exactly 9 alphanumerics (Mistral), so history ids are rewritten.</summary>
    public bool ShortToolCallIds { get; private init; }

    /// <summary>The upstream answers 400 to <c>logprobs</c>, <c>logit_bias</c> and <c>top_logprobs</c> (Groq).</summary>
    public bool DropsLogprobs { get; private init; }

    /// <summary>The upstream takes <c>messages[].name</c> (Groq and Mistral refuse it).</summary>
    public bool MessageNames { get; private init; } = true;

    /// <summary>The upstream takes <c>stream_options</c> (Mistral refuses it).</summary>
    public bool StreamOptions { get; private init; } = true;

    /// <summary>The upstream takes <c>user</c> (Mistral refuses it).</summary>
    public bool User { get; private init; } = true;

    /// <summary>The upstream supports only <c>n: 1</c> (Groq).</summary>
    public bool SingleChoiceOnly { get; private init; }

    /// <summary>The upstream accepts <c>top_k</c> (vLLM, Together, Fireworks, OpenRouter).</summary>
    public bool TopK { get; private init; }

    public static OpenAIFlavor For(string kind) => kind switch
    {
        ProviderKinds.OpenAI => OpenAI,
        ProviderKinds.AzureOpenAI => Azure,
        ProviderKinds.Mistral => Mistral,
        ProviderKinds.Groq => Groq,
        ProviderKinds.Together or ProviderKinds.Vllm or ProviderKinds.Fireworks or ProviderKinds.OpenRouter => WithTopK,
        _ => Plain,
    };

    /// <summary>Top-level request fields this upstream rejects (dropped from <c>ChatRequest.Extra</c>).</summary>
    public bool Drops(string field) =>
        DropsLogprobs && field is "logprobs" or "logit_bias" or "top_logprobs";
}
