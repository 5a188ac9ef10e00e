using Switchyard.ControlPlane.Features.Catalog;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Catalog;

public sealed class ModelCatalogTests
{
    [Theory]
    [InlineData("gpt-4o-mini-2024-07-18", "gpt-4o-mini")]
    [InlineData("gpt-4o-2024-08-06", "gpt-4o")]
    [InlineData("GPT-4o", "gpt-4o")]
    [InlineData("gpt-4-0613", "gpt-4")]
    [InlineData("gpt-4.1-nano", "gpt-4.1")]
    [InlineData("o3-mini-2025-01-31", "o3-mini")]
    [InlineData("claude-opus-4-5-20251101", "claude-opus-4-5")]
    [InlineData("claude-opus-4-1-20250805", "claude-opus-4")]
    [InlineData("claude-3-5-sonnet@20240620", "claude-3-5-sonnet")]
    [InlineData("llama-3.3-70b-versatile", "llama-3.3-70b-versatile")]
    [InlineData("llama3.1:8b", "llama3.1")]
    public void Find_ModelId_LongestMatchingPrefix(string model, string prefix)
    {
        Assert.Equal(prefix, ModelCatalog.Find(model)?.Prefix);
    }

    [Theory]
    [InlineData("us.anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet")]
    [InlineData("anthropic.claude-3-7-sonnet-20250219-v1:0", "claude-3-7-sonnet")]
    [InlineData("arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-20250514-v1:0", "claude-sonnet-4")]
    [InlineData("amazon.nova-pro-v1:0", "amazon.nova-pro")]
    [InlineData("us.meta.llama3-2-11b-instruct-v1:0", "meta.llama3-2-11b")]
    [InlineData("meta.llama3-8b-instruct-v1:0", "meta.llama3")]
    [InlineData("mistral.mistral-large-2407-v1:0", "mistral-large")]
    [InlineData("openai/gpt-4o", "gpt-4o")]
    [InlineData("anthropic/claude-3.5-sonnet", "claude-3.5-sonnet")]
    [InlineData("meta-llama/Llama-3.3-70B-Instruct-Turbo", "llama-3.3")]
    [InlineData("accounts/fireworks/models/llama-v3p1-70b-instruct", "llama-v3p1")]
    [InlineData("models/gemini-2.5-flash", "gemini-2.5-flash")]
    public void Find_ProviderSpecificIdForm_MatchesFamily(string model, string prefix)
    {
        Assert.Equal(prefix, ModelCatalog.Find(model)?.Prefix);
    }

    [Theory]
    [InlineData("o1x")]
    [InlineData("gpt-4x")]
    [InlineData("my-finetune-v2")]
    [InlineData("")]
    public void Find_NoPrefixEndingAtABoundary_Null(string model)
    {
        Assert.Null(ModelCatalog.Find(model));
    }

    [Fact]
    public void Resolve_KnownChatModels_PublishedLimitsAndFeatures()
    {
        var gpt4o = ModelCatalog.Resolve(ProviderKinds.OpenAI, "gpt-4o-2024-08-06");
        var deepseek = ModelCatalog.Resolve(ProviderKinds.DeepSeek, "deepseek-chat");
        var o1Mini = ModelCatalog.Resolve(ProviderKinds.OpenAI, "o1-mini");

        Assert.Equal(new ModelCapabilities(128_000, 16_384, Chat: true, Tools: true, Vision: true, JsonSchema: true, Embeddings: false), gpt4o);
        Assert.False(deepseek.Vision);
        Assert.False(deepseek.JsonSchema);
        Assert.True(deepseek.Tools);
        Assert.False(o1Mini.Tools);
    }

    [Theory]
    [InlineData(ProviderKinds.OpenAI, "text-embedding-3-small")]
    [InlineData(ProviderKinds.Gemini, "gemini-embedding-001")]
    [InlineData(ProviderKinds.Bedrock, "amazon.titan-embed-text-v2:0")]
    [InlineData(ProviderKinds.Vllm, "BAAI/bge-m3")]
    public void Resolve_EmbeddingModel_EmbeddingsOnly(string kind, string model)
    {
        var capabilities = ModelCatalog.Resolve(kind, model);

        Assert.True(capabilities.Embeddings);
        Assert.False(capabilities.Chat);
        Assert.False(capabilities.Tools);
    }

    [Fact]
    public void Resolve_UnknownModel_PermissiveWithoutLimits()
    {
        var chat = ModelCatalog.Resolve(ProviderKinds.Vllm, "acme/my-finetune-v2");
        var embed = ModelCatalog.Resolve(ProviderKinds.Ollama, "nomic-embed-text");

        Assert.Equal(new ModelCapabilities(null, null, Chat: true, Tools: true, Vision: true, JsonSchema: true, Embeddings: false), chat);
        Assert.True(embed.Embeddings);
        Assert.True(embed.Chat);
    }

    [Fact]
    public void Resolve_Mock_EverythingAllowed()
    {
        Assert.Equal(ModelCapabilities.Unrestricted, ModelCatalog.Resolve(ProviderKinds.Mock, "gpt-4o"));
        Assert.True(ModelCapabilities.Unrestricted is { Chat: true, Tools: true, Vision: true, JsonSchema: true, Embeddings: true, ContextWindow: null });
    }

    [Fact]
    public void Entries_UniqueLowercaseSortedAndConsistent()
    {
        var prefixes = ModelCatalog.Entries.Select(e => e.Prefix).ToList();

        Assert.Equal(prefixes.Distinct(StringComparer.Ordinal).Count(), prefixes.Count);
        Assert.Equal(prefixes.Order(StringComparer.Ordinal), prefixes);
        Assert.All(ModelCatalog.Entries, e =>
        {
            Assert.Equal(e.Prefix.ToLowerInvariant(), e.Prefix);
            Assert.True(e.Capabilities.Chat || e.Capabilities.Embeddings, e.Prefix);
            Assert.True(e.Capabilities.MaxOutputTokens is null || e.Capabilities.MaxOutputTokens <= e.Capabilities.ContextWindow, e.Prefix);
        });
    }
}
