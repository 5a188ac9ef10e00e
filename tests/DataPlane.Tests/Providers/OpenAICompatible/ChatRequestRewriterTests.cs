using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Streaming;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Providers.OpenAICompatible;

public class ChatRequestRewriterTests
{
    [Fact]
    public void Rewrite_NonStream_ReplacesModelAndPreservesEverythingElse()
    {
        var input = Fixture.Bytes("openai-chat-request-tools-image.json");

        var output = Rewrite(input, "upstream-model", forceUsage: false);

        var expected = JsonNode.Parse(input)!.AsObject();
        expected["model"] = "upstream-model";
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(output)));
    }

    [Fact]
    public void Rewrite_StreamWithoutOptions_AddsIncludeUsage()
    {
        var output = Rewrite("""{"model":"m","stream":true,"messages":[{"role":"user","content":"héllo \u00e9 \"q\""}],"temperature":0.50}"""u8.ToArray(), "up", forceUsage: true);

        var node = JsonNode.Parse(output)!;
        Assert.Equal("up", (string?)node["model"]);
        Assert.True((bool)node["stream_options"]!["include_usage"]!);
        Assert.Equal("héllo é \"q\"", (string?)node["messages"]![0]!["content"]);
        Assert.Contains("\"temperature\":0.50", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_StreamWithIncludeUsageFalse_ForcesTrueAndKeepsOtherOptions()
    {
        var output = Rewrite("""{"model":"m","stream":true,"stream_options":{"include_usage":false,"include_obfuscation":false},"messages":[]}"""u8.ToArray(), "up", forceUsage: true);

        var options = JsonNode.Parse(output)!["stream_options"]!;
        Assert.True((bool)options["include_usage"]!);
        Assert.False((bool)options["include_obfuscation"]!);
    }

    [Fact]
    public void Rewrite_FixtureWithUsage_OutputIsValidJson()
    {
        var output = Rewrite(Fixture.Bytes("openai-chat-request-stream-usage.json"), "gpt-4o-mini-2024-07-18", forceUsage: true);

        using var doc = JsonDocument.Parse(output);
        Assert.Equal(1, doc.RootElement.EnumerateObject().Count(p => p.Name == "stream_options"));
        Assert.Equal(20, doc.RootElement.GetProperty("max_completion_tokens").GetInt32());
    }

    private static string Rewrite(byte[] input, string model, bool forceUsage)
    {
        using var output = new PooledBufferWriter();
        ChatRequestRewriter.Rewrite(input, model, forceUsage, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
