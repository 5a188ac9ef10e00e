using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Providers.Anthropic;
using Switchyard.DataPlane.Tests.Infrastructure;
using static Switchyard.DataPlane.Tests.Providers.Anthropic.AnthropicTestSupport;

namespace Switchyard.DataPlane.Tests.Providers.Anthropic;

public class AnthropicResponseReaderTests
{
    [Fact]
    public void Read_CacheUsageFixture_CountsCachedTokensAsInput()
    {
        var expected = Mapping().GetProperty("usage_case_with_cache").GetProperty("openai_usage");

        var response = Read("anthropic-messages-response.json");

        var choice = Assert.Single(response.Choices);
        Assert.Equal("It's 15°C with light rain in Paris right now — bring an umbrella.", choice.Text);
        Assert.Equal(FinishReason.Stop, choice.FinishReason);
        Assert.Empty(choice.ToolCalls);
        Assert.Equal(expected.GetProperty("prompt_tokens").GetInt32(), response.Usage.InputTokens); // 1516
        Assert.Equal(expected.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32(), response.Usage.CachedInputTokens); // 1502
        Assert.Equal(expected.GetProperty("completion_tokens").GetInt32(), response.Usage.OutputTokens);
        Assert.Equal(expected.GetProperty("total_tokens").GetInt32(), response.Usage.TotalTokens);
        Assert.Equal(14, response.Usage.UncachedInputTokens);
        Assert.Equal(("msg_01XFDUDYJgAACzvnptvVoYEL", "claude-sonnet-4-20250514"), (response.Id, response.UpstreamModel));
    }

    [Fact]
    public void Read_ToolUseFixture_MatchesOpenAIMappingExpectations()
    {
        var mapping = Mapping();
        var expected = mapping.GetProperty("openai_response");
        var message = expected.GetProperty("choices")[0].GetProperty("message");

        var response = AnthropicResponseReader.Read(mapping.GetProperty("anthropic_response"), jsonTool: null);
        var fixtureResponse = Read("anthropic-messages-response-tool-use.json");

        var choice = Assert.Single(response.Choices);
        Assert.Equal(expected.GetProperty("id").GetString(), response.Id);
        Assert.Equal(expected.GetProperty("model").GetString(), response.UpstreamModel);
        Assert.Equal(message.GetProperty("content").GetString(), choice.Text);
        Assert.Equal(FinishReason.ToolCalls, choice.FinishReason); // tool_calls
        var call = Assert.Single(choice.ToolCalls);
        var expectedCall = message.GetProperty("tool_calls")[0];
        Assert.Equal(expectedCall.GetProperty("id").GetString(), call.Id);
        Assert.Equal(expectedCall.GetProperty("function").GetProperty("name").GetString(), call.Name);
        JsonEqual(JsonDocument.Parse(expectedCall.GetProperty("function").GetProperty("arguments").GetString()!).RootElement, JsonDocument.Parse(call.Arguments).RootElement);
        var usage = expected.GetProperty("usage");
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32(), response.Usage.InputTokens);
        Assert.Equal(usage.GetProperty("completion_tokens").GetInt32(), response.Usage.OutputTokens);
        Assert.Equal(usage.GetProperty("total_tokens").GetInt32(), response.Usage.TotalTokens);
        Assert.Equal(usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32(), response.Usage.CachedInputTokens);
        Assert.Equivalent(response, fixtureResponse, strict: true);
    }

    [Theory]
    [InlineData("end_turn", FinishReason.Stop, null)]
    [InlineData("pause_turn", FinishReason.Stop, null)]
    [InlineData("stop_sequence", FinishReason.StopSequence, "###")]
    [InlineData("max_tokens", FinishReason.Length, null)]
    [InlineData("tool_use", FinishReason.ToolCalls, null)]
    [InlineData("refusal", FinishReason.ContentFilter, null)]
    public void Read_StopReason_MapsToFinishReason(string stopReason, FinishReason expected, string? stopSequence)
    {
        var json = $$$"""
            {"id":"msg_1","type":"message","role":"assistant","model":"m","content":[
              {"type":"text","text":"a"},{"type":"tool_use","id":"toolu_1","name":"f","input":{}}],
             "stop_reason":"{{{stopReason}}}","stop_sequence":"###","usage":{"input_tokens":1,"output_tokens":2}}
            """;

        var choice = AnthropicResponseReader.Read(JsonDocument.Parse(json).RootElement, null).Choices[0];

        Assert.Equal(expected, choice.FinishReason);
        Assert.Equal(stopSequence, choice.StopSequence);
    }

    [Fact]
    public void Read_ThinkingAndSeveralTextBlocks_SplitsReasoningAndConcatenatesText()
    {
        const string json = """
            {"id":"msg_1","model":"m","content":[
              {"type":"thinking","thinking":"Let me think.","signature":"sig"},
              {"type":"redacted_thinking","data":"xyz"},
              {"type":"text","text":"Hello"},{"type":"text","text":" world"}],
             "stop_reason":"end_turn","usage":{"input_tokens":5,"cache_creation_input_tokens":100,"cache_read_input_tokens":0,"output_tokens":7}}
            """;

        var response = AnthropicResponseReader.Read(JsonDocument.Parse(json).RootElement, null);

        Assert.Equal("Let me think.", response.Choices[0].Reasoning);
        Assert.Equal("Hello world", response.Choices[0].Text);
        Assert.Equal(new TokenUsage(105, 7, CachedInputTokens: 0, CacheWriteInputTokens: 100), response.Usage);
    }

    [Fact]
    public void Read_OnlyToolUse_LeavesTextNull()
    {
        const string json = """{"id":"msg_1","model":"m","content":[{"type":"tool_use","id":"toolu_1","name":"f","input":{"a":[1,2]}}],"stop_reason":"tool_use","usage":{}}""";

        var choice = AnthropicResponseReader.Read(JsonDocument.Parse(json).RootElement, null).Choices[0];

        Assert.Null(choice.Text);
        Assert.Equal("""{"a":[1,2]}""", choice.ToolCalls[0].Arguments);
    }

    [Fact]
    public void Read_EmulatedJsonSchemaTool_BecomesTextWithStop()
    {
        const string json = """{"id":"msg_1","model":"m","content":[{"type":"tool_use","id":"toolu_1","name":"city_answer","input":{"city":"Paris"}}],"stop_reason":"tool_use","usage":{"input_tokens":3,"output_tokens":4}}""";

        var choice = AnthropicResponseReader.Read(JsonDocument.Parse(json).RootElement, "city_answer").Choices[0];

        Assert.Equal("""{"city":"Paris"}""", choice.Text);
        Assert.Empty(choice.ToolCalls);
        Assert.Equal(FinishReason.Stop, choice.FinishReason);
    }

    private static JsonElement Mapping() => JsonDocument.Parse(Fixture.Text("mapping-anthropic-response-to-openai.json")).RootElement;

    private static ChatResponse Read(string fixture) => AnthropicResponseReader.Read(JsonDocument.Parse(Fixture.Text(fixture)).RootElement, null);
}
