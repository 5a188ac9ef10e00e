namespace Switchyard.Shared.Configuration;

/// <summary>
/// Provider kinds a deployment can name, with the base URL used when a deployment gives none. Part of the one definition of
/// what nodes accept (see <see cref="DeploymentRules"/>).
/// </summary>
public static class ProviderKinds
{
    /// <summary>Built-in deterministic provider for demos, tests and benchmarks.</summary>
    public const string Mock = "mock";

    /// <summary>OpenAI, or any upstream speaking OpenAI Chat Completions without quirks (the base URL says which).</summary>
    public const string OpenAI = "openai";

    /// <summary>Azure OpenAI: classic deployment URLs with <c>api-version</c>, or the v1 URL form; <c>api-key</c> header.</summary>
    public const string AzureOpenAI = "azure-openai";

    public const string Anthropic = "anthropic";

    /// <summary>Google Gemini API (generateContent, streamGenerateContent with alt=sse, embedContent).</summary>
    public const string Gemini = "gemini";

    /// <summary>AWS Bedrock Converse / ConverseStream with SigV4.</summary>
    public const string Bedrock = "bedrock";

    public const string Mistral = "mistral";
    public const string Groq = "groq";
    public const string Together = "together";
    public const string DeepSeek = "deepseek";
    public const string Fireworks = "fireworks";
    public const string OpenRouter = "openrouter";
    public const string Vllm = "vllm";
    public const string Ollama = "ollama";

    /// <summary>Every kind a node serves; the control plane accepts exactly these.</summary>
    public static readonly IReadOnlyList<string> All =
        [Mock, OpenAI, AzureOpenAI, Anthropic, Gemini, Bedrock, Mistral, Groq, Together, DeepSeek, Fireworks, OpenRouter, Vllm, Ollama];

    /// <summary>The error of a <c>providerKind</c> field that is not one of <see cref="All"/>.</summary>
    public static string UnknownMessage => $"The providerKind field must be one of: {string.Join(", ", All)}.";

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind, StringComparer.Ordinal);

    /// <summary>
    /// The public base URL of a provider kind, or null when the deployment must give one (Azure, vLLM, mock).
    /// Bedrock's depends on the <c>region</c> setting.
    /// </summary>
    public static string? DefaultBaseUrl(string kind, IReadOnlyDictionary<string, string>? settings = null) => kind switch
    {
        OpenAI => "https://api.openai.com/v1",
        Anthropic => "https://api.anthropic.com",
        Gemini => "https://generativelanguage.googleapis.com/v1beta",
        Bedrock => settings is not null && settings.TryGetValue("region", out var region) && region is { Length: > 0 }
            ? $"https://bedrock-runtime.{region}.amazonaws.com"
            : null,
        Mistral => "https://api.mistral.ai/v1",
        Groq => "https://api.groq.com/openai/v1",
        Together => "https://api.together.xyz/v1",
        DeepSeek => "https://api.deepseek.com/v1",
        Fireworks => "https://api.fireworks.ai/inference/v1",
        OpenRouter => "https://openrouter.ai/api/v1",
        Ollama => "http://localhost:11434/v1",
        _ => null,
    };
}
