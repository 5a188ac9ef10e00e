using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Dialects.Anthropic;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Dialects.Anthropic;

public class AnthropicResponseWriterTests
{
    private static readonly AnthropicDialect Dialect = new();

    [Fact]
    public async Task WriteResponse_Text_MatchesFixture()
    {
        var response = new ChatResponse { Id = "chatcmpl-123", Usage = new TokenUsage(1516, 22, CachedInputTokens: 1502) };
        response.Choices.Add(new ChatChoice { Text = "It's 15°C with light rain in Paris right now — bring an umbrella.", FinishReason = FinishReason.Stop });

        var (context, body) = await WriteAsync(response);

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("application/json", context.Response.ContentType);
        Assert.StartsWith("req_", context.Response.Headers["request-id"].ToString(), StringComparison.Ordinal);
        // The fixture's cache_creation breakdown and service_tier are Anthropic-only details the gateway does not know.
        JsonCompare.Equal(JsonNode.Parse(Fixture.Text("anthropic-messages-response.json")), body, ignore: ["id", "usage.cache_creation", "usage.service_tier"]);
        Assert.Matches("^msg_[A-Za-z0-9]{24}$", body["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task WriteResponse_ToolUse_MatchesFixture()
    {
        var response = new ChatResponse { Id = "msg_019Q1hrJbZG26Fb9BQhrkHEr", Usage = new TokenUsage(377, 65) };
        var choice = new ChatChoice { Text = "I'll check the current weather in Paris for you.", FinishReason = FinishReason.ToolCalls };
        choice.ToolCalls.Add(new ToolCall("toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather", """{"location": "Paris"}"""));
        response.Choices.Add(choice);

        var (_, body) = await WriteAsync(response);

        JsonCompare.Equal(JsonNode.Parse(Fixture.Text("anthropic-messages-response-tool-use.json")), body, ignore: ["usage.service_tier"]);
    }

    [Theory]
    [InlineData(FinishReason.Stop, "end_turn")]
    [InlineData(FinishReason.Length, "max_tokens")]
    [InlineData(FinishReason.ToolCalls, "tool_use")]
    [InlineData(FinishReason.ContentFilter, "refusal")]
    public async Task WriteResponse_FinishReason_MapsStopReason(FinishReason reason, string expected)
    {
        var response = new ChatResponse();
        response.Choices.Add(new ChatChoice { Text = "x", FinishReason = reason });

        var (_, body) = await WriteAsync(response);

        Assert.Equal(expected, body["stop_reason"]!.GetValue<string>());
        Assert.Null(body["stop_sequence"]);
    }

    [Fact]
    public async Task WriteResponse_StopSequence_ReportsIt()
    {
        var response = new ChatResponse();
        response.Choices.Add(new ChatChoice { Text = "x", FinishReason = FinishReason.StopSequence, StopSequence = "###" });

        var (_, body) = await WriteAsync(response);

        Assert.Equal(("stop_sequence", "###"), (body["stop_reason"]!.GetValue<string>(), body["stop_sequence"]!.GetValue<string>()));
    }

    [Fact]
    public async Task WriteResponse_ReasoningAndBadArguments_ThinkingFirstAndEmptyInput()
    {
        var response = new ChatResponse { Usage = new TokenUsage(100, 10, CachedInputTokens: 30, CacheWriteInputTokens: 20) };
        var choice = new ChatChoice { Reasoning = "Let me think.", FinishReason = FinishReason.ToolCalls };
        choice.ToolCalls.Add(new ToolCall("call_1", "a", "not json"));
        choice.ToolCalls.Add(new ToolCall("call_2", "b", ""));
        choice.ToolCalls.Add(new ToolCall("call_3", "c", "[1]"));
        response.Choices.Add(choice);
        response.Choices.Add(new ChatChoice { Index = 1, Text = "second choice is dropped" });

        var (_, body) = await WriteAsync(response);

        JsonCompare.Equal("""
            [{"type":"thinking","thinking":"Let me think.","signature":""},
             {"type":"tool_use","id":"call_1","name":"a","input":{}},
             {"type":"tool_use","id":"call_2","name":"b","input":{}},
             {"type":"tool_use","id":"call_3","name":"c","input":{}}]
            """, body["content"]!.ToJsonString());
        JsonCompare.Equal("""{"input_tokens":50,"cache_creation_input_tokens":20,"cache_read_input_tokens":30,"output_tokens":10}""", body["usage"]!.ToJsonString());
    }

    private static async Task<(HttpContext Context, JsonNode Body)> WriteAsync(ChatResponse response)
    {
        var context = new DefaultHttpContext();
        var stream = new MemoryStream();
        context.Response.Body = stream;
        await Dialect.WriteResponseAsync(context, new ChatRequest { Model = "claude-sonnet-4-20250514" }, response, new RecordingObserver());
        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal(stream.Length, context.Response.ContentLength);
        return (context, JsonNode.Parse(text)!);
    }
}
