using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Providers;
using Switchyard.DataPlane.Providers.Anthropic;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using static Switchyard.DataPlane.Tests.Providers.Anthropic.AnthropicTestSupport;

namespace Switchyard.DataPlane.Tests.Providers.Anthropic;

public class AnthropicStreamTranslatorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(64)]
    public async Task StreamAsync_TextFixtureInSmallChunks_EmitsEventsInOrder(int maxChunk)
    {
        var sink = await StreamAsync(Fixture.Bytes("anthropic-messages-stream.sse"), maxChunk);

        Assert.Equal(
        [
            "usage 11 1 cached=0 write=0 reasoning=0",
            "start msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK claude-3-opus-latest",
            "text 0 \"Hello\"",
            "text 0 \" there\"",
            "text 0 \"!\"",
            "usage 11 6 cached=0 write=0 reasoning=0",
            "finish 0 Stop",
            "complete",
        ], sink.Events);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    public async Task StreamAsync_ToolFixture_MatchesExpectedOpenAITranslation(int maxChunk)
    {
        var (expectedEvents, expectedUsage) = OpenAIFixtureStream.ExpectedCanonicalEvents("mapping-anthropic-stream-to-openai.sse");

        var sink = await StreamAsync(Fixture.Bytes("anthropic-messages-stream-tools.sse"), maxChunk);

        Assert.Equal(expectedEvents, sink.Events.Where(e => !e.StartsWith("usage ", StringComparison.Ordinal)));
        Assert.Equal(expectedUsage, sink.Usage);
        Assert.Equal("""{"location": "Paris"}""", sink.Arguments(0));
        Assert.StartsWith("usage 377 1 ", sink.Events[0], StringComparison.Ordinal); // input tokens known from message_start
    }

    [Fact]
    public async Task StreamAsync_ErrorEventFixture_EndsWithOverloadedError()
    {
        var sink = await StreamAsync(Fixture.Bytes("anthropic-messages-stream-error.sse"));

        Assert.Equal(
        [
            "usage 25 1 cached=0 write=0 reasoning=0",
            "start msg_01Lk8vYbB8Hk1rJQKz9y2MxN claude-sonnet-4-20250514",
            "text 0 \"Once upon\"",
            "error Overloaded 529 overloaded",
        ], sink.Events);
        Assert.Equal("Overloaded", sink.Error!.Message);
    }

    [Fact]
    public async Task StreamAsync_EndsWithoutMessageStop_ReportsStreamEndedEarly()
    {
        var full = Fixture.Text("anthropic-messages-stream.sse");
        var truncated = full[..full.IndexOf("event: message_delta", StringComparison.Ordinal)];

        var sink = await StreamAsync(Encoding.UTF8.GetBytes(truncated));

        Assert.Equal("error Upstream 502 upstream_error", sink.Events[^1]);
        Assert.Contains("stream ended early", sink.Error!.Message, StringComparison.Ordinal);
        Assert.False(sink.Completed);
    }

    [Fact]
    public async Task StreamAsync_ThinkingAndTwoToolsWithCrlf_CountsToolBlocksAndOverwritesUsage()
    {
        var sse = Sse(
            ("message_start", """{"type":"message_start","message":{"id":"msg_2","model":"claude-x","usage":{"input_tokens":10,"cache_read_input_tokens":90,"output_tokens":1}}}"""),
            ("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Two cities."}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQB"}}"""),
            ("content_block_stop", """{"type":"content_block_stop","index":0}"""),
            ("content_block_start", """{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_a","name":"get_weather","input":{}}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"location\":\"Paris\"}"}}"""),
            ("content_block_start", """{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_b","name":"get_weather","input":{}}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":""}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"location\":\"Rome\"}"}}"""),
            ("message_delta", """{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"input_tokens":12,"cache_creation_input_tokens":5,"cache_read_input_tokens":90,"output_tokens":40}}"""),
            ("message_stop", """{"type":"message_stop"}""")).Replace("\n", "\r\n", StringComparison.Ordinal);

        var sink = await StreamAsync(Encoding.UTF8.GetBytes(sse), maxChunk: 4);

        Assert.Equal(
        [
            "usage 100 1 cached=90 write=0 reasoning=0",
            "start msg_2 claude-x",
            "reasoning 0 \"Two cities.\"",
            "tool 0 0 toolu_a get_weather",
            "args 0 0 {\"location\":\"Paris\"}",
            "tool 0 1 toolu_b get_weather",
            "args 0 1 {\"location\":\"Rome\"}",
            "usage 107 40 cached=90 write=5 reasoning=0",
            "finish 0 ToolCalls",
            "complete",
        ], sink.Events);
    }

    [Fact]
    public async Task StreamAsync_EmulatedJsonSchemaTool_StreamsInputAsTextAndStops()
    {
        var sse = Sse(
            ("message_start", """{"type":"message_start","message":{"id":"msg_3","model":"claude-x","usage":{"input_tokens":8,"output_tokens":1}}}"""),
            ("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_j","name":"city_answer","input":{}}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"city\":"}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"\"Paris\"}"}}"""),
            ("message_delta", """{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":9}}"""),
            ("message_stop", """{"type":"message_stop"}"""));
        var request = AnthropicRequestWriterTests.Simple();
        request.ResponseFormat = new ResponseFormat(ResponseFormatKind.JsonSchema, "city_answer", JsonDocument.Parse("""{"type":"object"}""").RootElement);

        var sink = await StreamAsync(Encoding.UTF8.GetBytes(sse), request: request);

        Assert.Equal("""{"city":"Paris"}""", sink.Text.ToString());
        Assert.Empty(sink.ToolCalls);
        Assert.Equal(FinishReason.Stop, sink.Finish);
        Assert.True(sink.Completed);
    }

    [Fact]
    public async Task StreamAsync_UnreadableEvent_ReportsInvalidUpstreamResponse()
    {
        var sink = await StreamAsync(Encoding.UTF8.GetBytes("event: message_start\ndata: {not json\n\n"));

        Assert.Equal("error Upstream 502 invalid_upstream_response", Assert.Single(sink.Events));
    }

    [Fact]
    public async Task StreamAsync_ProviderFromDataPlaneServices_IsRegisteredForAnthropicKind()
    {
        await using var host = await DataPlaneTestHost.StartAsync();
        await using var upstream = await StreamingUpstreamAsync(Fixture.Bytes("anthropic-messages-stream.sse"));
        var provider = host.Services.GetRequiredService<ProviderRegistry>().FindChat(ProviderKinds.Anthropic);
        var sink = new RecordingSink();

        Assert.IsType<AnthropicChatProvider>(provider);
        Assert.Null(await provider.StreamAsync(AnthropicRequestWriterTests.Simple(), Deployment(upstream.BaseUrl), sink, CancellationToken.None));
        Assert.Equal("Hello there!", sink.Text.ToString());
        Assert.True(sink.Completed);
    }

    [Fact]
    public async Task StreamAsync_MessageDeltaBeforeMessageStart_StartsTheStreamBeforeTheFinish()
    {
        var sse = Sse(
            ("message_delta", """{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":3}}"""),
            ("message_stop", """{"type":"message_stop"}"""));

        var sink = await StreamAsync(System.Text.Encoding.UTF8.GetBytes(sse));

        Assert.Equal(["usage 0 3 cached=0 write=0 reasoning=0", "start  ", "finish 0 Stop", "complete"], sink.Events);
    }

    private static async Task<RecordingSink> StreamAsync(byte[] sse, int maxChunk = 9, ChatRequest? request = null)
    {
        await using var upstream = await StreamingUpstreamAsync(sse, maxChunk);
        var sink = new RecordingSink();
        request ??= AnthropicRequestWriterTests.Simple();
        request.Stream = true;

        Assert.Null(await Provider().StreamAsync(request, Deployment(upstream.BaseUrl), sink, CancellationToken.None));
        Assert.True((bool)upstream.Last.Json["stream"]!);
        Assert.Equal("text/event-stream", upstream.Last.Headers["accept"]);
        return sink;
    }

    private static string Sse(params (string Event, string Data)[] events) =>
        string.Concat(events.Select(e => $"event: {e.Event}\ndata: {e.Data}\n\n"));
}
