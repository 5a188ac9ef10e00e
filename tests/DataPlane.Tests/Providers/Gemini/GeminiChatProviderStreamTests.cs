using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Providers.Gemini;
using Switchyard.DataPlane.Tests.Infrastructure;
using static Switchyard.DataPlane.Tests.Providers.Gemini.GeminiTestSupport;

namespace Switchyard.DataPlane.Tests.Providers.Gemini;

public class GeminiChatProviderStreamTests
{
    [Fact]
    public async Task StreamAsync_TextStreamInSmallChunks_RelaysDeltasCumulativeUsageAndFinish()
    {
        var sse = Fixture.Text("gemini-stream.sse");
        Assert.Contains("\r\n\r\n", sse, StringComparison.Ordinal);
        await using var upstream = await StreamAsync(sse);
        var sink = new RecordingSink();

        var error = await new GeminiChatProvider(Client()).StreamAsync(
            GeminiChatProviderTests.Request(), Deployment(upstream.BaseUrl, "gemini-2.5-flash-preview-05-20"), sink, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(
        [
            "start AdVRaMmDCYekqtsPrb_-iAw gemini-2.5-flash-preview-05-20",
            "text 0 \"Here you go!\n\n1.  **English:** Hi\n2.  **Spanish:** Hola\n3.  **French:** Bonjour\n4.  **German:** Hallo\n5.  \"",
            "usage 5 225 cached=0 write=0 reasoning=186",
            "text 0 \"**Italian:** Ciao\"",
            "finish 0 Stop",
            "usage 5 230 cached=0 write=0 reasoning=186",
            "complete",
        ], sink.Events);
        // usageMetadata is cumulative: the last event's totalTokenCount (prompt + candidates + thoughts) is the total.
        var last = Json(sse.Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries)[^1]["data: ".Length..]);
        Assert.Equal(last.GetProperty("usageMetadata").GetProperty("totalTokenCount").GetInt32(), sink.Usage!.Value.TotalTokens);
        var call = upstream.Last;
        Assert.Equal("/v1beta/models/gemini-2.5-flash-preview-05-20:streamGenerateContent?alt=sse", call.PathAndQuery);
        Assert.Equal(Key, call.Headers["x-goog-api-key"]);
        Assert.DoesNotContain("key=", call.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAsync_FunctionCall_OpensToolCallWithWholeArgumentsAndFinishesWithToolCalls()
    {
        await using var upstream = await StreamAsync(Fixture.Text("gemini-stream-function-call.sse"));
        var sink = new RecordingSink();

        var error = await new GeminiChatProvider(Client()).StreamAsync(GeminiChatProviderTests.Request(), Deployment(upstream.BaseUrl), sink, CancellationToken.None);

        Assert.Null(error);
        var (id, name) = Assert.Single(sink.ToolCalls);
        Assert.Matches("^call_[A-Za-z0-9]{24}(__thought__[A-Za-z0-9_-]+)?$", id);
        Assert.Equal("get_weather", name);
        Assert.Equal("""{"location":"Paris"}""", sink.Arguments(0));
        Assert.Equal(
        [
            "start k7xWaPq3Ho2Fz7IP4bKw8Qo gemini-2.5-flash",
            $"tool 0 0 {id} get_weather",
            """args 0 0 {"location":"Paris"}""",
            "finish 0 ToolCalls",
            "usage 62 59 cached=0 write=0 reasoning=44",
            "complete",
        ], sink.Events);
    }

    [Fact]
    public async Task StreamAsync_EndsBeforeFinishReason_ReportsError()
    {
        var first = Fixture.Text("gemini-stream.sse").Split("\r\n\r\n")[0] + "\r\n\r\n";
        await using var upstream = await StreamAsync(first);
        var sink = new RecordingSink();

        await new GeminiChatProvider(Client()).StreamAsync(GeminiChatProviderTests.Request(), Deployment(upstream.BaseUrl), sink, CancellationToken.None);

        Assert.False(sink.Completed);
        Assert.Equal(GatewayErrorKind.Upstream, sink.Error!.Kind);
        Assert.Contains("ended early", sink.Error.Message, StringComparison.Ordinal);
        Assert.Equal("error Upstream 502 upstream_error", sink.Events[^1]);
    }

    [Fact]
    public async Task StreamAsync_ErrorEventMidStream_EndsWithMappedError()
    {
        var first = Fixture.Text("gemini-stream.sse").Split("\r\n\r\n")[0];
        var sse = first + "\r\n\r\n" + """data: {"error": {"code": 503,"message": "The model is overloaded.","status": "UNAVAILABLE"}}""" + "\r\n\r\n";
        await using var upstream = await StreamAsync(sse);
        var sink = new RecordingSink();

        await new GeminiChatProvider(Client()).StreamAsync(GeminiChatProviderTests.Request(), Deployment(upstream.BaseUrl), sink, CancellationToken.None);

        Assert.StartsWith("start ", sink.Events[0], StringComparison.Ordinal);
        Assert.Equal("error Overloaded 503 overloaded", sink.Events[^1]);
        Assert.False(sink.Completed);
    }

    [Fact]
    public async Task StreamAsync_PromptBlocked_ReportsContentFilterBeforeStart()
    {
        await using var upstream = await StreamAsync("data: {\"promptFeedback\": {\"blockReason\": \"SAFETY\"},\"usageMetadata\": {\"promptTokenCount\": 7}}\r\n\r\n");
        var sink = new RecordingSink();

        await new GeminiChatProvider(Client()).StreamAsync(GeminiChatProviderTests.Request(), Deployment(upstream.BaseUrl), sink, CancellationToken.None);

        Assert.Equal(["error InvalidRequest 400 content_filter"], sink.Events);
    }

    [Fact]
    public async Task StreamAsync_RateLimitedBeforeStart_ReturnsErrorAndLeavesSinkUntouched()
    {
        await using var upstream = await RespondWithAsync(429, Fixture.Text("gemini-error-429.json"));
        var sink = new RecordingSink();

        var error = await new GeminiChatProvider(Client()).StreamAsync(GeminiChatProviderTests.Request(), Deployment(upstream.BaseUrl), sink, CancellationToken.None);

        Assert.Equal(429, error!.Status);
        Assert.Equal("41", error.RetryAfter);
        Assert.Empty(sink.Events);
    }

    [Fact]
    public async Task StreamAsync_UnreachableUpstream_ReturnsErrorBeforeStart()
    {
        var sink = new RecordingSink();

        var error = await new GeminiChatProvider(Client()).StreamAsync(GeminiChatProviderTests.Request(), Deployment("http://127.0.0.1:9"), sink, CancellationToken.None);

        Assert.Equal(GatewayErrorKind.Upstream, error!.Kind);
        Assert.Empty(sink.Events);
    }
}
