using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Providers.Bedrock;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Providers.Bedrock;

public class BedrockResponseReaderTests
{
    [Fact]
    public void Read_TextResponse_MapsTextStopAndUsage()
    {
        var response = Read(Fixture.Text("bedrock-converse-response.json"));

        var choice = Assert.Single(response.Choices);
        Assert.Equal("It's 15°C with light rain in Paris right now — bring an umbrella.", choice.Text);
        Assert.Equal(FinishReason.Stop, choice.FinishReason);
        Assert.Empty(choice.ToolCalls);
        Assert.Equal(new TokenUsage(487, 22), response.Usage);
        Assert.Equal("model-x", response.UpstreamModel);
    }

    [Fact]
    public void Read_ToolUseResponse_MapsToolCallWithJsonArguments()
    {
        var response = Read(Fixture.Text("bedrock-converse-response-tool-use.json"));

        var choice = Assert.Single(response.Choices);
        Assert.Equal("I'll check the weather in Paris.", choice.Text);
        Assert.Equal(FinishReason.ToolCalls, choice.FinishReason);
        var call = Assert.Single(choice.ToolCalls);
        Assert.Equal("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", call.Id);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Paris", JsonDocument.Parse(call.Arguments).RootElement.GetProperty("location").GetString());
        Assert.Equal(new TokenUsage(392, 68), response.Usage);
    }

    [Fact]
    public void Read_ReasoningAndCacheUsage_MapsReasoningAndCountsCachedInput()
    {
        const string body = """
            {"output":{"message":{"role":"assistant","content":[
              {"reasoningContent":{"reasoningText":{"text":"Paris is in France.","signature":"sig"}}},
              {"text":"Paris."}]}},
             "stopReason":"end_turn",
             "usage":{"inputTokens":10,"outputTokens":5,"totalTokens":115,"cacheReadInputTokens":80,"cacheWriteInputTokens":20}}
            """;

        var response = Read(body);

        Assert.Equal("Paris is in France.", response.Choices[0].Reasoning);
        Assert.Equal("Paris.", response.Choices[0].Text);
        Assert.Equal(new TokenUsage(110, 5, CachedInputTokens: 80, CacheWriteInputTokens: 20), response.Usage);
    }

    [Fact]
    public void Read_NotAConverseResponse_ReturnsNull()
    {
        Assert.Null(BedrockResponseReader.Read(JsonDocument.Parse("""{"message":"hi"}""").RootElement, null));
    }

    [Theory]
    [InlineData("end_turn", FinishReason.Stop)]
    [InlineData("stop_sequence", FinishReason.Stop)]
    [InlineData("max_tokens", FinishReason.Length)]
    [InlineData("tool_use", FinishReason.ToolCalls)]
    [InlineData("guardrail_intervened", FinishReason.ContentFilter)]
    [InlineData("content_filtered", FinishReason.ContentFilter)]
    [InlineData("malformed_model_output", FinishReason.Stop)]
    [InlineData(null, FinishReason.Stop)]
    public void MapStopReason_BedrockReason_MapsToCanonical(string? stopReason, FinishReason expected)
    {
        Assert.Equal(expected, BedrockResponseReader.MapStopReason(stopReason));
    }

    private static ChatResponse Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var response = BedrockResponseReader.Read(document.RootElement, "model-x");
        Assert.NotNull(response);
        return response;
    }
}
