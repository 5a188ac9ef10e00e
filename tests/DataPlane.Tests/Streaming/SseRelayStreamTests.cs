using System.Text;
using Switchyard.DataPlane.Gateway;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Tests.Streaming;

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

    private static async Task<(string Text, GatewayRequestState State)> RelayAsync(string upstream)
    {
        var state = new GatewayRequestState("chat.completions", 0) { Stream = true };
        await using var relay = new SseRelayStream(new MemoryStream(Encoding.UTF8.GetBytes(upstream)), state, CancellationToken.None, TimeProvider.System, TimeSpan.FromSeconds(30));
        using var reader = new StreamReader(relay);
        return (await reader.ReadToEndAsync(), state);
    }
}
