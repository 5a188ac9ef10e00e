namespace Switchyard.Shared.Configuration;

/// <summary>Provider kinds a deployment can name.</summary>
public static class ProviderKinds
{
    /// <summary>Built-in deterministic provider for demos, tests and benchmarks.</summary>
    public const string Mock = "mock";

    /// <summary>Any upstream speaking OpenAI Chat Completions (OpenAI, vLLM, Ollama, Groq, Mistral, ...).</summary>
    public const string OpenAICompatible = "openai";

    public static readonly IReadOnlyList<string> All = [Mock, OpenAICompatible];
}
