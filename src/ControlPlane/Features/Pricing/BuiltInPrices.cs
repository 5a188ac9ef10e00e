using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Pricing;

/// <summary>
/// Built-in list prices, USD per million tokens, from the providers' public price pages as read on <see cref="AsOf"/>
/// (openai.com/api/pricing, anthropic.com/pricing, ai.google.dev/gemini-api/docs/pricing, aws.amazon.com/bedrock/pricing,
/// mistral.ai/pricing, api-docs.deepseek.com/quick_start/pricing, groq.com/pricing). Standard tier, on-demand, shortest
/// context band; Anthropic cache writes at the 5-minute rate. Providers change these: a platform admin corrects them with
/// a newer admin row (POST /api/platform/prices), which wins over a built-in row of the same prefix.
/// Rows without a provider kind apply to every kind that resells the model at list price (Azure OpenAI, Bedrock's Claude,
/// OpenRouter); self-hosted kinds (vLLM, Ollama) and mock get none of them.
/// </summary>
public static class BuiltInPrices
{
    public static readonly DateTimeOffset AsOf = new(2025, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public const string VersionPrefix = "builtin-2025-11:";

    /// <summary>Provider kinds whose models are not billed at any vendor's list price.</summary>
    public static bool IsUnpricedKind(string providerKind) =>
        providerKind is ProviderKinds.Mock or ProviderKinds.Vllm or ProviderKinds.Ollama;

    public static IReadOnlyList<ModelPriceDto> Rows { get; } =
    [
        // OpenAI (also Azure OpenAI, OpenRouter "openai/…")
        Chat("gpt-3.5-turbo", 0.50m, 1.50m),
        Chat("gpt-4", 30m, 60m),
        Chat("gpt-4-turbo", 10m, 30m),
        Chat("gpt-4o", 2.50m, 10m, cached: 1.25m),
        Chat("gpt-4o-mini", 0.15m, 0.60m, cached: 0.075m),
        Chat("gpt-4.1", 2m, 8m, cached: 0.50m),
        Chat("gpt-4.1-mini", 0.40m, 1.60m, cached: 0.10m),
        Chat("gpt-4.1-nano", 0.10m, 0.40m, cached: 0.025m),
        Chat("gpt-5", 1.25m, 10m, cached: 0.125m),
        Chat("gpt-5-mini", 0.25m, 2m, cached: 0.025m),
        Chat("gpt-5-nano", 0.05m, 0.40m, cached: 0.005m),
        Chat("gpt-5.1", 1.25m, 10m, cached: 0.125m),
        Chat("o1", 15m, 60m, cached: 7.50m),
        Chat("o3", 2m, 8m, cached: 0.50m),
        Chat("o3-mini", 1.10m, 4.40m, cached: 0.55m),
        Chat("o4-mini", 1.10m, 4.40m, cached: 0.275m),
        Embedding("text-embedding-3-small", 0.02m),
        Embedding("text-embedding-3-large", 0.13m),
        Embedding("text-embedding-ada-002", 0.10m),

        // Anthropic (also Bedrock "anthropic.…"): cache reads at 0.1×, 5-minute cache writes at 1.25× the input price
        Claude("claude-3-haiku", 0.25m, 1.25m),
        Claude("claude-3-5-haiku", 0.80m, 4m),
        Claude("claude-3.5-haiku", 0.80m, 4m),
        Claude("claude-haiku-4-5", 1m, 5m),
        Claude("claude-3-sonnet", 3m, 15m),
        Claude("claude-3-5-sonnet", 3m, 15m),
        Claude("claude-3.5-sonnet", 3m, 15m),
        Claude("claude-3-7-sonnet", 3m, 15m),
        Claude("claude-3.7-sonnet", 3m, 15m),
        Claude("claude-sonnet-4", 3m, 15m),
        Claude("claude-3-opus", 15m, 75m),
        Claude("claude-opus-4", 15m, 75m),
        Claude("claude-opus-4-5", 5m, 25m),

        // Google Gemini (prompts up to 200k tokens; thinking tokens are billed as output)
        Chat("gemini-1.5-flash", 0.075m, 0.30m),
        Chat("gemini-1.5-pro", 1.25m, 5m),
        Chat("gemini-2.0-flash", 0.10m, 0.40m, cached: 0.025m),
        Chat("gemini-2.5-flash", 0.30m, 2.50m, cached: 0.03m),
        Chat("gemini-2.5-pro", 1.25m, 10m, cached: 0.125m),
        Embedding("gemini-embedding-001", 0.15m),

        // AWS Bedrock native families (us-east-1 on-demand)
        Chat("amazon.nova-micro", 0.035m, 0.14m),
        Chat("amazon.nova-lite", 0.06m, 0.24m),
        Chat("amazon.nova-pro", 0.80m, 3.20m),
        Chat("amazon.nova-premier", 2.50m, 12.50m),
        Embedding("amazon.titan-embed-text-v1", 0.10m),
        Embedding("amazon.titan-embed-text-v2", 0.02m),
        Embedding("cohere.embed-english-v3", 0.10m),
        Embedding("cohere.embed-multilingual-v3", 0.10m),

        // Mistral
        Chat("mistral-large", 2m, 6m),
        Chat("mistral-medium", 0.40m, 2m),
        Chat("mistral-small", 0.10m, 0.30m),
        Chat("ministral-3b", 0.04m, 0.04m),
        Chat("ministral-8b", 0.10m, 0.10m),
        Chat("open-mistral-nemo", 0.15m, 0.15m),
        Chat("codestral", 0.30m, 0.90m),
        Embedding("mistral-embed", 0.10m),

        // DeepSeek (cache-miss input; cache hits at the cached price)
        Chat("deepseek-chat", 0.28m, 0.42m, cached: 0.028m),
        Chat("deepseek-reasoner", 0.28m, 0.42m, cached: 0.028m),

        // Groq
        Chat("llama-3.1-8b-instant", 0.05m, 0.08m, kind: ProviderKinds.Groq),
        Chat("llama-3.3-70b-versatile", 0.59m, 0.79m, kind: ProviderKinds.Groq),
    ];

    private static ModelPriceDto Chat(string prefix, decimal input, decimal output, decimal? cached = null, string? kind = null) =>
        new(VersionPrefix + prefix, kind, prefix, input, output, cached, null, null, null, AsOf, "builtin");

    private static ModelPriceDto Claude(string prefix, decimal input, decimal output) =>
        new(VersionPrefix + prefix, null, prefix, input, output, input / 10, input * 1.25m, null, null, AsOf, "builtin");

    private static ModelPriceDto Embedding(string prefix, decimal input) =>
        new(VersionPrefix + prefix, null, prefix, input, 0, null, null, null, input, AsOf, "builtin");
}
