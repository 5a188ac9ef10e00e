using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Dialects.OpenAI;

/// <summary>Golden tests: canonical responses written as OpenAI <c>chat.completion</c> bodies, compared with the fixtures.</summary>
public class OpenAIDialectResponseTests
{
    [Theory]
    [InlineData("openai-chat-response.json")]
    [InlineData("openai-chat-response-tool-calls.json")]
    public async Task WriteResponseAsync_FixtureEquivalent_WritesTheSameJson(string fixture)
    {
        var expected = JsonNode.Parse(Fixture.Text(fixture))!.AsObject();
        var harness = new OpenAIDialectHarness();
        harness.Time.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(expected["created"]!.GetValue<long>()));

        await harness.Dialect.WriteResponseAsync(harness.Context, Request(expected["model"]!.GetValue<string>()), FromFixture(expected), harness.State);

        expected.Remove("system_fingerprint");
        OpenAIDialectHarness.AssertJsonEqual(expected, JsonNode.Parse(harness.BodyText));
        Assert.Equal(200, harness.Context.Response.StatusCode);
        Assert.Equal("application/json", harness.Context.Response.ContentType);
        Assert.Equal(harness.Body.Length, harness.Context.Response.ContentLength);
    }

    [Fact]
    public async Task WriteResponseAsync_ProviderIdAndModel_UsesChatcmplIdAndPublicModel()
    {
        var harness = new OpenAIDialectHarness();
        var response = new ChatResponse { Id = "msg_01ABC", UpstreamModel = "claude-sonnet-4-20250514" };
        response.Choices.Add(new ChatChoice { Index = 0, Text = "hi", FinishReason = FinishReason.Stop });

        await harness.Dialect.WriteResponseAsync(harness.Context, Request("my-alias"), response, harness.State);

        var body = JsonDocument.Parse(harness.BodyText).RootElement;
        var id = body.GetProperty("id").GetString()!;
        Assert.Matches("^chatcmpl-[A-Za-z0-9]{29}$", id);
        Assert.Equal("my-alias", body.GetProperty("model").GetString());
        Assert.Equal(OpenAIDialectHarness.Now.ToUnixTimeSeconds(), body.GetProperty("created").GetInt64());
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
    }

    [Theory]
    [InlineData(FinishReason.Stop, "stop")]
    [InlineData(FinishReason.StopSequence, "stop")]
    [InlineData(FinishReason.Length, "length")]
    [InlineData(FinishReason.ToolCalls, "tool_calls")]
    [InlineData(FinishReason.ContentFilter, "content_filter")]
    public async Task WriteResponseAsync_FinishReason_IsMapped(FinishReason reason, string expected)
    {
        var harness = new OpenAIDialectHarness();
        var response = new ChatResponse { Id = "chatcmpl-x" };
        response.Choices.Add(new ChatChoice { Index = 0, Text = "", FinishReason = reason });

        await harness.Dialect.WriteResponseAsync(harness.Context, Request("m"), response, harness.State);

        var choice = JsonDocument.Parse(harness.BodyText).RootElement.GetProperty("choices")[0];
        Assert.Equal(expected, choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task WriteResponseAsync_ReasoningCachedAndSeveralChoices_AreWritten()
    {
        var harness = new OpenAIDialectHarness();
        var response = new ChatResponse { Id = "chatcmpl-abc", Usage = new TokenUsage(1516, 120, CachedInputTokens: 1502, ReasoningTokens: 100) };
        response.Choices.Add(new ChatChoice { Index = 0, Text = "Ünïcode 'ok' <b>", Reasoning = "Let me think", FinishReason = FinishReason.Stop });
        response.Choices.Add(new ChatChoice { Index = 1, FinishReason = FinishReason.Length });

        await harness.Dialect.WriteResponseAsync(harness.Context, Request("m"), response, harness.State);

        var expected = JsonNode.Parse("""
            {"id":"chatcmpl-abc","object":"chat.completion","created":1727888631,"model":"m","choices":[
              {"index":0,"message":{"role":"assistant","content":"Ünïcode 'ok' <b>","reasoning_content":"Let me think","refusal":null},"logprobs":null,"finish_reason":"stop"},
              {"index":1,"message":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":"length"}],
             "usage":{"prompt_tokens":1516,"completion_tokens":120,"total_tokens":1636,
              "prompt_tokens_details":{"cached_tokens":1502},"completion_tokens_details":{"reasoning_tokens":100}}}
            """);
        OpenAIDialectHarness.AssertJsonEqual(expected, JsonNode.Parse(harness.BodyText));
        Assert.Contains("Ünïcode 'ok'", harness.BodyText, StringComparison.Ordinal);
    }

    private static ChatRequest Request(string model) => new() { Model = model };

    /// <summary>The canonical response a provider would produce for the fixture's answer.</summary>
    private static ChatResponse FromFixture(JsonObject fixture)
    {
        var response = new ChatResponse { Id = fixture["id"]!.GetValue<string>(), UpstreamModel = "upstream-snapshot" };
        foreach (var node in fixture["choices"]!.AsArray())
        {
            var message = node!["message"]!;
            var choice = new ChatChoice
            {
                Index = node["index"]!.GetValue<int>(),
                Text = message["content"]?.GetValue<string>(),
                FinishReason = node["finish_reason"]!.GetValue<string>() == "tool_calls" ? FinishReason.ToolCalls : FinishReason.Stop,
            };
            foreach (var call in message["tool_calls"]?.AsArray() ?? [])
            {
                var function = call!["function"]!;
                choice.ToolCalls.Add(new ToolCall(call["id"]!.GetValue<string>(), function["name"]!.GetValue<string>(), function["arguments"]!.GetValue<string>()));
            }

            response.Choices.Add(choice);
        }

        var usage = fixture["usage"]!;
        response.Usage = new TokenUsage(
            usage["prompt_tokens"]!.GetValue<int>(),
            usage["completion_tokens"]!.GetValue<int>(),
            usage["prompt_tokens_details"]!["cached_tokens"]!.GetValue<int>(),
            ReasoningTokens: usage["completion_tokens_details"]!["reasoning_tokens"]!.GetValue<int>());
        return response;
    }
}
