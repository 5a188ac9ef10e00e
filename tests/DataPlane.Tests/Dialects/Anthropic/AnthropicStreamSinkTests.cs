using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Dialects.Anthropic;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Dialects.Anthropic;

/// <summary>The Anthropic stream sink driven with canonical events, compared event by event with the recorded streams.</summary>
public class AnthropicStreamSinkTests
{
    private const string Model = "claude-public";
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly FakeTimeProvider _time = new();
    private readonly DefaultHttpContext _context = new();
    private readonly MemoryStream _body = new();
    private readonly RecordingObserver _state = new();
    private readonly IChatStreamSink _sink;

    public AnthropicStreamSinkTests()
    {
        _context.Response.Body = _body;
        _context.Features.Set<IResponseObserver>(_state);
        _sink = new AnthropicDialect().CreateStreamSink(_context, new ChatRequest { Model = Model, Stream = true }, _state);
    }

    [Fact]
    public async Task Stream_OpenAIToolStream_MatchesMappingFixture()
    {
        // The canonical events of openai-chat-stream-tools.sse: usage arrives after the finish, so message_delta waits for it.
        await _sink.StartAsync("chatcmpl-ADymNiWWeqCJqHNFXiI1QtRcLuXcl", "gpt-4o-mini-2024-07-18", None);
        await _sink.ToolCallAsync(0, 0, "call_F9ZaqPWo69u0urxAhVt8meDW", "GetPersonAge", None);
        foreach (var fragment in new[] { "", "{\"", "person", "Name", "\":\"", "Alice", "\"}" })
        {
            await _sink.ToolArgumentsAsync(0, 0, fragment, None);
        }

        await _sink.FinishAsync(0, FinishReason.ToolCalls, null, None);
        Assert.DoesNotContain("message_delta", Output(), StringComparison.Ordinal);
        await _sink.UsageAsync(new TokenUsage(61, 16), None);
        await _sink.CompleteAsync(None);

        AssertMatches("mapping-openai-stream-to-anthropic.sse");
        Assert.Equal(new TokenUsage(61, 16), _state.Usage);
    }

    [Fact]
    public async Task Stream_AnthropicTextStream_MatchesFixture()
    {
        await _sink.UsageAsync(new TokenUsage(11, 0), None);
        await _sink.StartAsync("msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK", "claude-3-opus-latest", None);
        foreach (var text in new[] { "Hello", " there", "!" })
        {
            await _sink.TextAsync(0, text, None);
        }

        await _sink.FinishAsync(0, FinishReason.Stop, null, None);
        await _sink.UsageAsync(new TokenUsage(11, 6), None);
        await _sink.CompleteAsync(None);

        AssertMatches("anthropic-messages-stream.sse");
        var start = SseEvents.Parse(Output())[0].Data["message"]!;
        Assert.Equal("msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK", start["id"]!.GetValue<string>());
        Assert.Equal(Model, start["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stream_AnthropicToolStream_MatchesFixture()
    {
        await _sink.UsageAsync(new TokenUsage(377, 1), None);
        await _sink.StartAsync("msg_019Q1hrJbZG26Fb9BQhrkHEr", "claude-sonnet-4-20250514", None);
        await _sink.TextAsync(0, "I", None);
        await _sink.TextAsync(0, "'ll check the current weather in Paris for you.", None);
        await _sink.ToolCallAsync(0, 0, "toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather", None);
        foreach (var fragment in new[] { "", "{\"locati", "on\": \"P", "ar", "is\"}" })
        {
            await _sink.ToolArgumentsAsync(0, 0, fragment, None);
        }

        await _sink.FinishAsync(0, FinishReason.ToolCalls, null, None);
        await _sink.UsageAsync(new TokenUsage(377, 65), None);
        await _sink.CompleteAsync(None);

        AssertMatches("anthropic-messages-stream-tools.sse");
        Assert.Equal(200, _context.Response.StatusCode);
        Assert.Equal("text/event-stream", _context.Response.ContentType);
        Assert.Equal("no-cache", _context.Response.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task Stream_ReasoningThenTextThenTwoTools_EachGetsItsOwnBlock()
    {
        await _sink.StartAsync(null, null, None);
        await _sink.ReasoningAsync(0, "think", None);
        await _sink.TextAsync(0, "answer", None);
        await _sink.TextAsync(1, "other choice", None);
        await _sink.ToolCallAsync(0, 0, "call_a", "a", None);
        await _sink.ToolCallAsync(0, 1, "call_b", "b", None);
        await _sink.ToolArgumentsAsync(0, 1, "{}", None);
        await _sink.FinishAsync(0, FinishReason.StopSequence, "###", None);
        await _sink.UsageAsync(new TokenUsage(100, 7, CachedInputTokens: 60, CacheWriteInputTokens: 10), None);
        await _sink.CompleteAsync(None);

        var events = SseEvents.Parse(Output());
        Assert.Equal(
            ["message_start", "ping", "content_block_start", "content_block_delta", "content_block_stop", "content_block_start", "content_block_delta", "content_block_stop",
             "content_block_start", "content_block_stop", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            events.Select(e => e.Event));
        JsonCompare.Equal("""{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}""", events[2].Data.ToJsonString());
        JsonCompare.Equal("""{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"think"}}""", events[3].Data.ToJsonString());
        JsonCompare.Equal("""{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"answer"}}""", events[6].Data.ToJsonString());
        JsonCompare.Equal("""{"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":"{}"}}""", events[11].Data.ToJsonString());
        JsonCompare.Equal("""
            {"type":"message_delta","delta":{"stop_reason":"stop_sequence","stop_sequence":"###"},
             "usage":{"input_tokens":30,"cache_creation_input_tokens":10,"cache_read_input_tokens":60,"output_tokens":7}}
            """, events[13].Data.ToJsonString());
        Assert.Matches("^msg_", events[0].Data["message"]!["id"]!.GetValue<string>());
        Assert.True(_state.BodyStarted);
    }

    [Fact]
    public async Task Stream_ErrorAfterStart_EndsWithErrorEvent()
    {
        await _sink.UsageAsync(new TokenUsage(25, 0), None);
        await _sink.StartAsync("msg_01Lk8vYbB8Hk1rJQKz9y2MxN", null, None);
        await _sink.TextAsync(0, "Once upon", None);
        await _sink.ErrorAsync(new GatewayError(GatewayErrorKind.Overloaded, 529, "Overloaded"), None);
        await _sink.CompleteAsync(None);

        AssertMatches("anthropic-messages-stream-error.sse");
        Assert.Equal((529, "overloaded_error"), (_state.StatusCode, _state.ErrorCode));
        Assert.Equal(200, _context.Response.StatusCode);
    }

    [Fact]
    public async Task Stream_ErrorBeforeStart_AnswersWithHttpError()
    {
        await _sink.ErrorAsync(new GatewayError(GatewayErrorKind.RateLimit, 429, "Slow down.") { RetryAfter = "7" }, None);

        Assert.Equal(429, _context.Response.StatusCode);
        Assert.Equal("application/json", _context.Response.ContentType);
        Assert.Equal("7", _context.Response.Headers.RetryAfter.ToString());
        var body = JsonNode.Parse(Output())!;
        Assert.Equal("rate_limit_error", body["error"]!["type"]!.GetValue<string>());
        Assert.Equal((429, "rate_limit_error"), (_state.StatusCode, _state.ErrorCode));
    }

    private string Output() => Encoding.UTF8.GetString(_body.ToArray());

    /// <summary>
    /// Compares the written events with a recorded stream, event by event: pings and empty <c>partial_json</c> deltas
    /// are left out on both sides, the message id/model are the gateway's own, and the output may carry more usage fields
    /// than the recording (message_start always has the <c>output_tokens:1</c> placeholder, §3.4).
    /// </summary>
    private void AssertMatches(string fixture)
    {
        static bool Kept((string Event, JsonNode Data) e) =>
            e.Event != "ping" && e.Data["delta"]?["partial_json"]?.GetValue<string>() is not "";

        var expected = SseEvents.Parse(Fixture.Text(fixture)).Where(Kept).ToList();
        var actual = SseEvents.Parse(Output()).Where(Kept).ToList();
        Assert.Equal(expected.Select(e => e.Event), actual.Select(e => e.Event));
        for (var i = 0; i < expected.Count; i++)
        {
            if (expected[i].Event == "message_start")
            {
                expected[i].Data["message"]!["usage"]!["output_tokens"] = 1;
            }

            JsonCompare.Equal(expected[i].Data, actual[i].Data, subset: true, "message.id", "message.model", "message.usage.service_tier");
        }

        Assert.Single(SseEvents.Parse(Output()), e => e.Event == "ping");
    }
}
