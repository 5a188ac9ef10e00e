using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Integration;

/// <summary>Every provider family the integration tests drive, as theory data (case names) and gateway routes.</summary>
internal static class ProviderCases
{
    private static readonly Dictionary<string, string> None = [];

    public static readonly IReadOnlyList<ProviderCase> All =
    [
        new("openai", ProviderKinds.OpenAI, "openai", "gpt-4o-mini-2024-07-18", None),
        new("azure", ProviderKinds.AzureOpenAI, "azure", "gpt-4o", new Dictionary<string, string> { ["deployment"] = "prod-gpt4o" }),
        new("azure-v1", ProviderKinds.AzureOpenAI, "azure", "gpt-4o", new Dictionary<string, string> { ["apiVersion"] = "v1", ["deployment"] = "prod-gpt4o-v1" }),
        new("anthropic", ProviderKinds.Anthropic, "anthropic", "claude-sonnet-4-20250514", None),
        new("gemini", ProviderKinds.Gemini, "gemini", "gemini-2.5-flash", None),
        new("bedrock", ProviderKinds.Bedrock, "bedrock", "anthropic.claude-3-5-sonnet-20240620-v1:0", new Dictionary<string, string> { ["region"] = "us-east-1" }),
        new("mistral", ProviderKinds.Mistral, "mistral", "mistral-large-latest", None),
        new("groq", ProviderKinds.Groq, "groq", "llama-3.3-70b-versatile", None),
        new("together", ProviderKinds.Together, "together", "meta-llama/Llama-3.3-70B-Instruct-Turbo", None),
        new("vllm", ProviderKinds.Vllm, "vllm", "Qwen/Qwen2.5-7B-Instruct", None),
        new("ollama", ProviderKinds.Ollama, "ollama", "llama3.2", None),
        new("deepseek", ProviderKinds.DeepSeek, "deepseek", "deepseek-chat", None),
    ];

    /// <summary>Scripted-failure deployments: the fake fails on the word in the upstream model (or Azure deployment).</summary>
    public static readonly IReadOnlyList<ProviderCase> Failing =
    [
        .. new[] { "ratelimit", "overloaded", "midstream" }.SelectMany(failure => new ProviderCase[]
        {
            new("openai-" + failure, ProviderKinds.OpenAI, "openai", "gpt-4o-" + failure, None),
            new("azure-" + failure, ProviderKinds.AzureOpenAI, "azure", "gpt-4o", new Dictionary<string, string> { ["deployment"] = "dep-" + failure }),
            new("anthropic-" + failure, ProviderKinds.Anthropic, "anthropic", "claude-" + failure, None),
            new("gemini-" + failure, ProviderKinds.Gemini, "gemini", "gemini-" + failure, None),
            new("bedrock-" + failure, ProviderKinds.Bedrock, "bedrock", "anthropic.claude-" + failure + "-v1:0", new Dictionary<string, string> { ["region"] = "us-east-1" }),
            new("mistral-" + failure, ProviderKinds.Mistral, "mistral", "mistral-" + failure, None),
        }),
    ];

    /// <summary>A Gemini deployment whose key the fake refuses (400 API_KEY_INVALID).</summary>
    public static readonly ProviderCase GeminiBadKey = new("gemini-badkey", ProviderKinds.Gemini, "gemini", "gemini-2.5-flash", None);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in All)
        {
            data.Add(c.Name);
        }

        return data;
    }

    /// <summary>Every family × caller dialect (true = Anthropic Messages) × stream.</summary>
    public static TheoryData<string, bool, bool> DialectStreamMatrix()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (var c in All)
        {
            foreach (var anthropicCaller in new[] { false, true })
            {
                data.Add(c.Name, anthropicCaller, false);
                data.Add(c.Name, anthropicCaller, true);
            }
        }

        return data;
    }

    public static ProviderCase Get(string name) =>
        All.Concat(Failing).Append(GeminiBadKey).Single(c => c.Name == name);
}
