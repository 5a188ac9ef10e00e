using System.Text;
using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Costs;
using Switchyard.DataPlane.Providers.Anthropic;
using Switchyard.DataPlane.Providers.Bedrock;
using Switchyard.DataPlane.Providers.Gemini;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Costs;

/// <summary>Each provider's usage shape, read by its adapter, costed: cached, cache-write and reasoning tokens all count.</summary>
public class ProviderUsageCostTests
{
    private static readonly DeploymentPrice Price = new(
        "v", DeploymentPrice.FromCatalog, InputPerMTok: 3m, OutputPerMTok: 15m, CachedInputPerMTok: 0.3m, CacheWritePerMTok: 3.75m, ReasoningPerMTok: 20m);

    [Fact]
    public void OpenAIPassThrough_CachedAndReasoningDetails_AreReadAndCosted()
    {
        var json = """{"id":"x","choices":[],"usage":{"prompt_tokens":2006,"completion_tokens":300,"total_tokens":2306,"prompt_tokens_details":{"cached_tokens":1920,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":256,"audio_tokens":0}}}""";

        var usage = ChunkInspector.Inspect(Encoding.UTF8.GetBytes(json)).Usage;

        Assert.Equal(new TokenUsage(2006, 300, CachedInputTokens: 1920, ReasoningTokens: 256), usage);
        Assert.Equal((86 * 3m) + (1920 * 0.3m) + (44 * 15m) + (256 * 20m), CostCalculator.Cost(usage, Price));
    }

    [Fact]
    public void OpenAIPassThrough_DeepSeekCacheHits_AreCachedInput()
    {
        var json = """{"choices":[],"usage":{"prompt_tokens":100,"completion_tokens":10,"prompt_cache_hit_tokens":64,"prompt_cache_miss_tokens":36}}""";

        var usage = ChunkInspector.Inspect(Encoding.UTF8.GetBytes(json)).Usage;

        Assert.Equal(new TokenUsage(100, 10, CachedInputTokens: 64), usage);
    }

    [Fact]
    public void OpenAIPassThrough_StreamFixtureUsageChunk_IsRead()
    {
        var last = Fixture.Text("openai-chat-stream.sse").Split("\n\n").Select(e => e.Trim()).Last(e => e.Contains("\"usage\":{", StringComparison.Ordinal));

        var info = ChunkInspector.Inspect(Encoding.UTF8.GetBytes(last["data: ".Length..]));

        Assert.Equal(new TokenUsage(8, 9), info.Usage);
        Assert.Equal(8 * 3 + 9 * 15, CostCalculator.CostMicros(info.Usage, Price));
    }

    [Fact]
    public void OpenAIPassThrough_StreamDeltas_CountTheirText()
    {
        var json = """{"choices":[{"index":0,"delta":{"content":"Hello","reasoning_content":"hm","tool_calls":[{"index":0,"function":{"arguments":"{\"a\":1}"}}]}}]}""";

        var info = ChunkInspector.Inspect(Encoding.UTF8.GetBytes(json));

        Assert.Equal("Hello".Length + "hm".Length + """{\"a\":1}""".Length, info.OutputCharacters);
    }

    [Fact]
    public void OpenAITranslated_UsageObject_IsReadWithDetails()
    {
        using var doc = JsonDocument.Parse("""{"prompt_tokens":50,"completion_tokens":20,"prompt_tokens_details":{"cached_tokens":32},"completion_tokens_details":{"reasoning_tokens":12}}""");

        Assert.Equal(new TokenUsage(50, 20, CachedInputTokens: 32, ReasoningTokens: 12), OpenAIWire.ReadUsage(doc.RootElement));
    }

    [Fact]
    public void Anthropic_ResponseFixtureWithCacheRead_IsCostedAtTheCachedPrice()
    {
        using var doc = JsonDocument.Parse(Fixture.Text("anthropic-messages-response.json"));
        var anthropic = default(AnthropicUsage);
        anthropic.Read(doc.RootElement.GetProperty("usage"));

        var usage = anthropic.ToTokenUsage();

        // input_tokens 14 + cache_read_input_tokens 1502; output 22.
        Assert.Equal(new TokenUsage(1516, 22, CachedInputTokens: 1502), usage);
        Assert.Equal((14 * 3m) + (1502 * 0.3m) + (22 * 15m), CostCalculator.Cost(usage, Price));
    }

    [Fact]
    public void Anthropic_CacheCreation_IsCostedAtTheCacheWritePrice()
    {
        using var doc = JsonDocument.Parse("""{"input_tokens":10,"cache_creation_input_tokens":2000,"cache_read_input_tokens":0,"output_tokens":5}""");
        var anthropic = default(AnthropicUsage);
        anthropic.Read(doc.RootElement);

        var usage = anthropic.ToTokenUsage();

        Assert.Equal(new TokenUsage(2010, 5, CacheWriteInputTokens: 2000), usage);
        Assert.Equal((10 * 3m) + (2000 * 3.75m) + (5 * 15m), CostCalculator.Cost(usage, Price));
    }

    [Fact]
    public void Gemini_CachedContentAndThoughts_AreCachedInputAndReasoning()
    {
        using var doc = JsonDocument.Parse("""{"promptTokenCount":1200,"candidatesTokenCount":80,"cachedContentTokenCount":1024,"thoughtsTokenCount":300,"totalTokenCount":1580}""");

        var usage = GeminiWire.ReadUsage(doc.RootElement);

        Assert.Equal(new TokenUsage(1200, 380, CachedInputTokens: 1024, ReasoningTokens: 300), usage);
        Assert.Equal((176 * 3m) + (1024 * 0.3m) + (80 * 15m) + (300 * 20m), CostCalculator.Cost(usage, Price));
    }

    [Fact]
    public void Gemini_ResponseFixture_IsCostedAsInputAndOutput()
    {
        using var doc = JsonDocument.Parse(Fixture.Text("gemini-generatecontent-response.json"));

        var usage = GeminiWire.ReadUsage(doc.RootElement.GetProperty("usageMetadata"));

        Assert.Equal(8 * 3 + 10 * 15, CostCalculator.CostMicros(usage, Price));
    }

    [Fact]
    public void Bedrock_CacheReadAndWrite_AreCachedInputAndCacheWrites()
    {
        using var doc = JsonDocument.Parse("""{"inputTokens":20,"outputTokens":30,"totalTokens":2550,"cacheReadInputTokens":2000,"cacheWriteInputTokens":500}""");

        var usage = BedrockResponseReader.ReadUsage(doc.RootElement);

        Assert.Equal(new TokenUsage(2520, 30, CachedInputTokens: 2000, CacheWriteInputTokens: 500), usage);
        Assert.Equal((20 * 3m) + (2000 * 0.3m) + (500 * 3.75m) + (30 * 15m), CostCalculator.Cost(usage, Price));
    }

    [Fact]
    public void Bedrock_ResponseFixture_IsCostedAsInputAndOutput()
    {
        using var doc = JsonDocument.Parse(Fixture.Text("bedrock-converse-response.json"));

        var usage = BedrockResponseReader.ReadUsage(doc.RootElement.GetProperty("usage"));

        Assert.Equal(487 * 3 + 22 * 15, CostCalculator.CostMicros(usage, Price));
    }
}
