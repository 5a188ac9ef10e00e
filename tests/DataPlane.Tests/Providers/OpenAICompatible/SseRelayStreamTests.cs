using System.Text;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.DataPlane.Providers.OpenAICompatible;

namespace Switchyard.DataPlane.Tests.Providers.OpenAICompatible;

public class SseRelayStreamTests
{
    private const string Chunk = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n";

    [Fact]
    public async Task Read_UpstreamClosesWithoutDone_EndsWithErrorAndDoneAndRecords502()
    {
        var (text, state) = await RelayAsync(Chunk);

        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
        Assert.Contains("ended the stream before it was complete", text, StringComparison.Ordinal);
        Assert.Equal((502, "upstream_error"), (state.StatusCode, state.ErrorCode));
    }

    [Fact]
    public async Task Read_UpstreamErrorEventThenClose_AddsDoneAndRecords502()
    {
        var (text, state) = await RelayAsync(Chunk + "data: {\"error\":{\"message\":\"boom\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n");

        Assert.EndsWith("\"code\":null}}\n\ndata: [DONE]\n\n", text, StringComparison.Ordinal);
        Assert.Equal(502, state.StatusCode);
    }

    [Fact]
    public async Task Read_CompleteStream_RelaysUnchangedWithoutError()
    {
        var (text, state) = await RelayAsync(Chunk + "data: [DONE]\n\n");

        Assert.Equal(Chunk + "data: [DONE]\n\n", text);
        Assert.Null(state.StatusCode);
    }

    private static async Task<(string Text, RecordingObserver State)> RelayAsync(string upstream)
    {
        var state = new RecordingObserver();
        await using var relay = new SseRelayStream(new MemoryStream(Encoding.UTF8.GetBytes(upstream)), state, keepUsageChunk: false, CancellationToken.None, TimeSpan.FromSeconds(30));
        using var reader = new StreamReader(relay);
        return (await reader.ReadToEndAsync(), state);
    }
}
