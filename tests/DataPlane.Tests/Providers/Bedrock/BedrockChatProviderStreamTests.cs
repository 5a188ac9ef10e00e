using System.Text;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Testing.Upstream;

namespace Switchyard.DataPlane.Tests.Providers.Bedrock;

public class BedrockChatProviderStreamTests
{
    [Fact]
    public async Task StreamAsync_ConverseStreamInSmallChunks_EmitsCanonicalEvents()
    {
        await using var harness = await BedrockHarness.StartAsync(BedrockHarness.EventStream(Fixture.Bytes("bedrock-conversestream.bin")));
        var sink = new RecordingSink();

        var error = await harness.Provider.StreamAsync(Request(), harness.Deployment(), sink, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(
        [
            $"start  {BedrockHarness.Model}",
            "text 0 \"I'll check\"",
            "text 0 \" the weather in Paris.\"",
            "tool 0 0 tooluse_kZJMlvQmRJ6eAyJE5GIl7Q get_weather",
            "args 0 0 {\"location\"",
            "args 0 0 : \"Paris\"}",
            "finish 0 ToolCalls",
            "usage 392 68 cached=0 write=0 reasoning=0",
            "complete",
        ], sink.Events);
        Assert.Equal("I'll check the weather in Paris.", sink.Text.ToString());
        Assert.Equal("{\"location\": \"Paris\"}", sink.Arguments(0));
        var call = harness.Upstream.Last;
        Assert.Equal("/model/us.anthropic.claude-3-5-sonnet-20241022-v2%3A0/converse-stream", harness.LastRawTarget);
        Assert.Equal("application/vnd.amazon.eventstream", call.Headers["Accept"]);
        Assert.Equal("hello", (string?)call.Json["messages"]![0]!["content"]![0]!["text"]);
        BedrockHarness.AssertSignatureVerifies(call, harness.LastRawTarget);
    }

    [Fact]
    public async Task StreamAsync_ThrottlingFrameMidStream_EndsWithRateLimitError()
    {
        var frames = EventStreamFrames.Conversation();
        byte[] body = [.. frames[0], .. frames[1], .. frames[2], .. EventStreamFrames.ThrottlingException()];
        await using var harness = await BedrockHarness.StartAsync(BedrockHarness.EventStream(body));
        var sink = new RecordingSink();

        var error = await harness.Provider.StreamAsync(Request(), harness.Deployment(), sink, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(["text 0 \"I'll check\"", "text 0 \" the weather in Paris.\"", "error RateLimit 429 rate_limit_exceeded"], sink.Events[1..]);
        Assert.Equal("Too many requests, please wait before trying again.", sink.Error!.Message);
        Assert.False(sink.Completed);
    }

    [Fact]
    public async Task StreamAsync_StreamEndsBeforeMessageStop_EndsWithUpstreamError()
    {
        var frames = EventStreamFrames.Conversation();
        await using var harness = await BedrockHarness.StartAsync(BedrockHarness.EventStream([.. frames[0], .. frames[1]]));
        var sink = new RecordingSink();

        await harness.Provider.StreamAsync(Request(), harness.Deployment(), sink, CancellationToken.None);

        Assert.Equal("error Upstream 502 upstream_error", sink.Events[^1]);
        Assert.Contains("ended early", sink.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAsync_CorruptFrame_EndsWithInvalidUpstreamResponse()
    {
        var frames = EventStreamFrames.Conversation();
        frames[1][100] ^= 1;
        await using var harness = await BedrockHarness.StartAsync(BedrockHarness.EventStream([.. frames[0], .. frames[1]]));
        var sink = new RecordingSink();

        await harness.Provider.StreamAsync(Request(), harness.Deployment(), sink, CancellationToken.None);

        Assert.Equal("error Upstream 502 invalid_upstream_response", sink.Events[^1]);
    }

    [Fact]
    public async Task StreamAsync_UpstreamRejects_ReturnsErrorAndLeavesSinkUntouched()
    {
        await using var harness = await BedrockHarness.StartAsync(FakeReply.Status(429, "application/json")
            .Header("x-amzn-errortype", "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/")
            .Header("Retry-After", "3")
            .Write(Fixture.Bytes("bedrock-error-429-throttling.json")));
        var sink = new RecordingSink();

        var error = await harness.Provider.StreamAsync(Request(), harness.Deployment(), sink, CancellationToken.None);

        Assert.NotNull(error);
        Assert.Equal(GatewayErrorKind.RateLimit, error.Kind);
        Assert.Equal("3", error.RetryAfter);
        Assert.Empty(sink.Events);
    }

    [Fact]
    public async Task StreamAsync_ReasoningAndCachedUsage_EmitsReasoningAndFullInputCount()
    {
        byte[] body =
        [
            .. Event("messageStart", """{"role":"assistant","p":"ab"}"""),
            .. Event("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"reasoningContent":{"text":"Think."}}}"""),
            .. Event("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"reasoningContent":{"signature":"c2ln"}}}"""),
            .. Event("contentBlockStop", """{"contentBlockIndex":0}"""),
            .. Event("contentBlockDelta", """{"contentBlockIndex":1,"delta":{"text":"Done."}}"""),
            .. Event("messageStop", """{"stopReason":"max_tokens"}"""),
            .. Event("metadata", """{"usage":{"inputTokens":3,"outputTokens":9,"cacheReadInputTokens":100,"cacheWriteInputTokens":20},"metrics":{"latencyMs":5}}"""),
        ];
        await using var harness = await BedrockHarness.StartAsync(BedrockHarness.EventStream(body));
        var sink = new RecordingSink();

        await harness.Provider.StreamAsync(Request(), harness.Deployment(), sink, CancellationToken.None);

        Assert.Equal(["reasoning 0 \"Think.\"", "text 0 \"Done.\"", "finish 0 Length", "usage 123 9 cached=100 write=20 reasoning=0", "complete"], sink.Events[1..]);
    }

    internal static ChatRequest Request() => BedrockRequestWriterTests.UserRequest("hello");

    private static byte[] Event(string type, string json) =>
        EventStreamFrames.Encode(
            [.. EventStreamFrames.StringHeader(":event-type", type), .. EventStreamFrames.StringHeader(":content-type", "application/json"),
             .. EventStreamFrames.StringHeader(":message-type", "event")],
            Encoding.UTF8.GetBytes(json));
}
