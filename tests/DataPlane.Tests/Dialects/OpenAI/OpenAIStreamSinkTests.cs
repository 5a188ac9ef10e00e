using System.Text.Json.Nodes;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Dialects.OpenAI;

/// <summary>Golden tests: canonical stream events written as OpenAI chunks, compared chunk by chunk with the fixtures.</summary>
public class OpenAIStreamSinkTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Sink_AnthropicToolStream_WritesTheMappingFixture()
    {
        var harness = new OpenAIDialectHarness();
        var sink = harness.Dialect.CreateStreamSink(harness.Context, Request("claude-sonnet-4-20250514", includeUsage: true), harness.State);

        await PlayAnthropicToolStreamAsync(sink);

        var expected = OpenAIDialectHarness.FixtureChunks(Fixture.Text("mapping-anthropic-stream-to-openai.sse"));
        // The gateway always writes the reasoning breakdown, which the mapping fixture leaves out.
        expected[^1]["usage"]!["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 };
        AssertChunks(expected, harness.Chunks());
        Assert.Equal(new TokenUsage(377, 65), harness.State.Usage);
    }

    [Fact]
    public async Task Sink_ParallelToolCalls_WritesTheOpenAIFixture()
    {
        var expected = OpenAIDialectHarness.FixtureChunks(Fixture.Text("openai-chat-stream-parallel-tools.sse"));
        var harness = new OpenAIDialectHarness();
        var sink = harness.Dialect.CreateStreamSink(harness.Context, Request("gpt-4o-mini-2024-07-18", includeUsage: true), harness.State);

        await ReplayAsync(sink, expected);

        foreach (var details in new[] { expected[^1]["usage"]!["prompt_tokens_details"]!.AsObject(), expected[^1]["usage"]!["completion_tokens_details"]!.AsObject() })
        {
            // Audio and prediction counts are not part of the canonical usage.
            details.Remove("audio_tokens");
            details.Remove("accepted_prediction_tokens");
            details.Remove("rejected_prediction_tokens");
        }

        AssertChunks(expected, harness.Chunks());
    }

    [Fact]
    public async Task Sink_WithoutIncludeUsage_WritesNoUsageKeyNorUsageChunk()
    {
        var harness = new OpenAIDialectHarness();
        var sink = harness.Dialect.CreateStreamSink(harness.Context, Request("claude-sonnet-4-20250514", includeUsage: false), harness.State);

        await PlayAnthropicToolStreamAsync(sink);

        var expected = OpenAIDialectHarness.FixtureChunks(Fixture.Text("mapping-anthropic-stream-to-openai.sse"));
        expected.RemoveAt(expected.Count - 1);
        expected.ForEach(c => c.Remove("usage"));
        var chunks = harness.Chunks();
        AssertChunks(expected, chunks);
        Assert.All(chunks, c => Assert.False(c.ContainsKey("usage")));
        Assert.Equal(new TokenUsage(377, 65), harness.State.Usage);
    }

    [Fact]
    public async Task Sink_Start_SetsSseHeadersAndMarksFirstByteOnFirstWrite()
    {
        var harness = new OpenAIDialectHarness();
        var sink = harness.Dialect.CreateStreamSink(harness.Context, Request("m", includeUsage: false), harness.State);

        await sink.StartAsync("chatcmpl-keepme", "upstream", None);
        Assert.Equal(0, harness.Body.Length);
        Assert.False(harness.State.BodyStarted);
        await sink.TextAsync(0, "Hi", None);

        var response = harness.Context.Response;
        Assert.Equal((200, "text/event-stream", "no-cache"), (response.StatusCode, response.ContentType, response.Headers.CacheControl.ToString()));
        Assert.True(harness.State.BodyStarted);
        Assert.Equal(2, harness.SseData().Count);
        var chunk = JsonNode.Parse(harness.SseData()[0])!;
        Assert.Equal("chatcmpl-keepme", chunk["id"]!.GetValue<string>());
        Assert.Equal(OpenAIDialectHarness.Now.ToUnixTimeSeconds(), chunk["created"]!.GetValue<long>());
        Assert.Equal("m", chunk["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sink_ReasoningAndTwoChoices_OpensEachChoiceOnceAndFinishesEach()
    {
        var harness = new OpenAIDialectHarness();
        var request = Request("m", includeUsage: false);
        request.N = 2;
        var sink = harness.Dialect.CreateStreamSink(harness.Context, request, harness.State);

        await sink.StartAsync(null, null, None);
        await sink.ReasoningAsync(0, "hmm", None);
        await sink.TextAsync(0, "", None);
        await sink.TextAsync(1, "B", None);
        await sink.TextAsync(0, "A", None);
        await sink.FinishAsync(0, FinishReason.Length, null, None);
        await sink.FinishAsync(1, FinishReason.StopSequence, "END", None);
        await sink.CompleteAsync(None);

        var deltas = harness.Chunks().Select(c => (
            c["choices"]![0]!["index"]!.GetValue<int>(),
            c["choices"]![0]!["delta"]!.ToJsonString(),
            c["choices"]![0]!["finish_reason"]?.GetValue<string>()));
        Assert.Equal(
            [
                (0, """{"role":"assistant","content":""}""", null),
                (0, """{"reasoning_content":"hmm"}""", null),
                (1, """{"role":"assistant","content":""}""", null),
                (1, """{"content":"B"}""", null),
                (0, """{"content":"A"}""", null),
                (0, "{}", "length"),
                (1, "{}", "stop"),
            ],
            deltas);
    }

    [Fact]
    public async Task Sink_ErrorMidStream_WritesErrorEventThenDoneAndNoFinish()
    {
        var harness = new OpenAIDialectHarness();
        var sink = harness.Dialect.CreateStreamSink(harness.Context, Request("m", includeUsage: true), harness.State);
        await sink.StartAsync("x", null, None);
        await sink.TextAsync(0, "Hel", None);
        await sink.UsageAsync(new TokenUsage(10, 1), None);

        await sink.ErrorAsync(new GatewayError(GatewayErrorKind.Overloaded, 529, "Overloaded") { Code = "overloaded" }, None);

        var data = harness.SseData();
        Assert.Equal(4, data.Count);
        OpenAIDialectHarness.AssertJsonEqual(
            JsonNode.Parse("""{"error":{"message":"Overloaded","type":"server_error","param":null,"code":"overloaded"}}"""),
            JsonNode.Parse(data[2]));
        Assert.Equal("[DONE]", data[3]);
        Assert.DoesNotContain("finish_reason\":\"", harness.BodyText, StringComparison.Ordinal);
        Assert.Equal(200, harness.Context.Response.StatusCode);
        Assert.Equal((503, "overloaded"), (harness.State.StatusCode, harness.State.ErrorCode));
    }

    [Fact]
    public async Task Sink_ErrorBeforeAnyWrite_WritesAnOrdinaryHttpError()
    {
        var harness = new OpenAIDialectHarness();
        var sink = harness.Dialect.CreateStreamSink(harness.Context, Request("m", includeUsage: true), harness.State);
        await sink.StartAsync("x", null, None);

        await sink.ErrorAsync(new GatewayError(GatewayErrorKind.RateLimit, 429, "Slow down") { Code = "rate_limit_exceeded", RetryAfter = "7" }, None);

        var response = harness.Context.Response;
        Assert.Equal((429, "application/json"), (response.StatusCode, response.ContentType));
        Assert.Equal("7", response.Headers.RetryAfter.ToString());
        Assert.False(response.Headers.ContainsKey("Cache-Control"));
        OpenAIDialectHarness.AssertJsonEqual(
            JsonNode.Parse("""{"error":{"message":"Slow down","type":"rate_limit_error","param":null,"code":"rate_limit_exceeded"}}"""),
            JsonNode.Parse(harness.BodyText));
        Assert.Equal((429, "rate_limit_exceeded"), (harness.State.StatusCode, harness.State.ErrorCode));
        Assert.False(harness.State.BodyStarted);
    }

    private static ChatRequest Request(string model, bool includeUsage) =>
        new() { Model = model, Stream = true, IncludeUsage = includeUsage };

    /// <summary>The canonical events an Anthropic provider produces for <c>anthropic-messages-stream-tools.sse</c>.</summary>
    private static async Task PlayAnthropicToolStreamAsync(IChatStreamSink sink)
    {
        await sink.StartAsync("msg_019Q1hrJbZG26Fb9BQhrkHEr", "claude-sonnet-4-20250514", None);
        await sink.UsageAsync(new TokenUsage(377, 1), None);
        await sink.TextAsync(0, "I", None);
        await sink.TextAsync(0, "'ll check the current weather in Paris for you.", None);
        await sink.ToolCallAsync(0, 0, "toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather", None);
        foreach (var fragment in new[] { "", "{\"locati", "on\": \"P", "ar", "is\"}" })
        {
            await sink.ToolArgumentsAsync(0, 0, fragment, None);
        }

        await sink.FinishAsync(0, FinishReason.ToolCalls, null, None);
        await sink.UsageAsync(new TokenUsage(377, 65), None);
        await sink.CompleteAsync(None);
    }

    /// <summary>Drives the sink with the canonical events an OpenAI provider derives from the given chunks.</summary>
    private static async Task ReplayAsync(IChatStreamSink sink, List<JsonObject> chunks)
    {
        await sink.StartAsync(chunks[0]["id"]!.GetValue<string>(), chunks[0]["model"]!.GetValue<string>(), None);
        foreach (var chunk in chunks)
        {
            foreach (var choice in chunk["choices"]!.AsArray())
            {
                var index = choice!["index"]!.GetValue<int>();
                var delta = choice["delta"]!;
                if (delta["content"]?.GetValue<string>() is { Length: > 0 } text)
                {
                    await sink.TextAsync(index, text, None);
                }

                foreach (var call in delta["tool_calls"]?.AsArray() ?? [])
                {
                    var toolIndex = call!["index"]!.GetValue<int>();
                    if (call["id"] is { } id)
                    {
                        await sink.ToolCallAsync(index, toolIndex, id.GetValue<string>(), call["function"]!["name"]!.GetValue<string>(), None);
                    }

                    await sink.ToolArgumentsAsync(index, toolIndex, call["function"]!["arguments"]!.GetValue<string>(), None);
                }

                if (choice["finish_reason"]?.GetValue<string>() is { } finish)
                {
                    await sink.FinishAsync(index, finish == "tool_calls" ? FinishReason.ToolCalls : FinishReason.Stop, null, None);
                }
            }

            if (chunk["usage"] is JsonObject usage)
            {
                await sink.UsageAsync(new TokenUsage(usage["prompt_tokens"]!.GetValue<int>(), usage["completion_tokens"]!.GetValue<int>()), None);
            }
        }

        await sink.CompleteAsync(None);
    }

    /// <summary>Compares chunk by chunk, ignoring id, created and the fields only OpenAI itself writes.</summary>
    private static void AssertChunks(List<JsonObject> expected, List<JsonObject> actual)
    {
        var id = actual[0]["id"]!.GetValue<string>();
        Assert.StartsWith("chatcmpl-", id, StringComparison.Ordinal);
        foreach (var chunk in actual)
        {
            Assert.Equal(id, chunk["id"]!.GetValue<string>());
            Assert.Equal("chat.completion.chunk", chunk["object"]!.GetValue<string>());
            Assert.Equal(OpenAIDialectHarness.Now.ToUnixTimeSeconds(), chunk["created"]!.GetValue<long>());
        }

        foreach (var chunk in expected.Concat(actual))
        {
            foreach (var key in new[] { "id", "created", "system_fingerprint", "service_tier" })
            {
                chunk.Remove(key);
            }
        }

        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            OpenAIDialectHarness.AssertJsonEqual(expected[i], actual[i]);
        }
    }
}
