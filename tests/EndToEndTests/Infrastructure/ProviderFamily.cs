using Switchyard.Shared.Configuration;

namespace Switchyard.EndToEndTests.Infrastructure;

/// <summary>
/// One provider family as the end-to-end tests route to it: the deployment kind, the family name the fake upstream
/// greets with ("Hello from &lt;Greeting&gt;! …"), deployment settings, and what the family supports.
/// </summary>
public sealed record ProviderFamily(
    string Name,
    string Kind,
    string Greeting,
    IReadOnlyDictionary<string, string>? Settings = null,
    bool Embeddings = false,
    bool CountsTokens = false)
{
    public const string Mock = "mock";

    public static readonly IReadOnlyList<ProviderFamily> All =
    [
        new(Mock, ProviderKinds.Mock, "mock", Embeddings: true, CountsTokens: true),
        new("openai", ProviderKinds.OpenAI, "openai", Embeddings: true),
        new("azure", ProviderKinds.AzureOpenAI, "azure", Embeddings: true),
        new("azure-v1", ProviderKinds.AzureOpenAI, "azure", new Dictionary<string, string> { ["apiVersion"] = "v1" }, Embeddings: true),
        new("anthropic", ProviderKinds.Anthropic, "anthropic", CountsTokens: true),
        new("gemini", ProviderKinds.Gemini, "gemini", Embeddings: true, CountsTokens: true),
        new("bedrock", ProviderKinds.Bedrock, "bedrock", new Dictionary<string, string> { ["region"] = "us-east-1" }),
        new("mistral", ProviderKinds.Mistral, "mistral"),
        new("groq", ProviderKinds.Groq, "groq"),
        new("together", ProviderKinds.Together, "together"),
        new("deepseek", ProviderKinds.DeepSeek, "deepseek"),
        new("fireworks", ProviderKinds.Fireworks, "fireworks"),
        new("openrouter", ProviderKinds.OpenRouter, "openrouter"),
        new("vllm", ProviderKinds.Vllm, "vllm"),
        new("ollama", ProviderKinds.Ollama, "ollama"),
    ];

    public static ProviderFamily Named(string name) => All.Single(f => f.Name == name);

    public bool IsMock => Kind == ProviderKinds.Mock;

    /// <summary>The public model routed to this family's chat deployment.</summary>
    public string ChatModel => Name + "-chat";

    /// <summary>A model whose upstream answers 429 (the mock: failStatus 429).</summary>
    public string RateLimitModel => Name + "-ratelimit";

    /// <summary>A model whose upstream breaks its stream after a couple of deltas (the mock: failAfterTokens 2).</summary>
    public string MidstreamModel => Name + "-midstream";

    /// <summary>A model whose upstream answers overloaded (Anthropic 529, others 503; the mock: failStatus 529).</summary>
    public string OverloadedModel => Name + "-overloaded";

    public string EmbeddingModel => Name + "-embed";

    /// <summary>The upstream model id for a public model suffix; failure words in it script the fake.</summary>
    public string UpstreamModel(string suffix) => (Kind, suffix) switch
    {
        (ProviderKinds.Gemini, "embedding") => "gemini-embedding-001",
        (_, "embedding") => "text-embedding-3-small",
        (ProviderKinds.Gemini, _) => "gemini-2.0-flash-" + suffix,
        (ProviderKinds.Bedrock, _) => "anthropic.claude-3-5-haiku-" + suffix,
        (ProviderKinds.Anthropic, _) => "claude-3-5-haiku-" + suffix,
        _ => "fake-" + suffix,
    };

    public override string ToString() => Name;
}
