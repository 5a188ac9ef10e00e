using System.Text;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Streaming;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Providers.OpenAICompatible;

public class SseUsageFilterTests
{
    [Fact]
    public void Process_CallerDidNotAskForUsage_DropsUsageChunkAndCapturesUsage()
    {
        var (output, filter) = Run(Fixture.Bytes("openai-chat-stream.sse"), keepUsage: false, readSize: 4096);

        Assert.DoesNotContain("\"choices\":[]", output);
        Assert.EndsWith("data: [DONE]\n\n", output);
        Assert.Equal(12, Events(output).Length);
        Assert.Equal((8, 9), (filter.PromptTokens, filter.CompletionTokens));
    }

    [Fact]
    public void Process_CallerAskedForUsage_KeepsStreamByteForByte()
    {
        var input = Fixture.Bytes("openai-chat-stream.sse");

        var (output, filter) = Run(input, keepUsage: true, readSize: 4096);

        Assert.Equal(Encoding.UTF8.GetString(input), output);
        Assert.True(filter.HasUsage);
        Assert.Equal(17, filter.PromptTokens + filter.CompletionTokens);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    public void Process_EventsSplitAcrossReads_SameResultAsWholeStream(int readSize)
    {
        var (whole, _) = Run(Fixture.Bytes("openai-chat-stream.sse"), keepUsage: false, readSize: 1 << 20);

        var (split, filter) = Run(Fixture.Bytes("openai-chat-stream.sse"), keepUsage: false, readSize);

        Assert.Equal(whole, split);
        Assert.Equal(9, filter.CompletionTokens);
    }

    [Fact]
    public void Process_CrLfSeparators_AreRecognized()
    {
        var input = Encoding.UTF8.GetBytes("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}\r\n\r\ndata: [DONE]\r\n\r\n");

        var (output, filter) = Run(input, keepUsage: false, readSize: 5);

        Assert.Equal("data: [DONE]\r\n\r\n", output);
        Assert.Equal(4, filter.CompletionTokens);
        Assert.True(filter.SawDone);
    }

    [Fact]
    public void Process_StreamWithoutUsage_PassesThroughUnchanged()
    {
        var input = Fixture.Bytes("openai-chat-stream-no-usage.sse");

        var (output, filter) = Run(input, keepUsage: false, readSize: 64);

        Assert.Equal(Encoding.UTF8.GetString(input), output);
        Assert.False(filter.HasUsage);
    }

    private static string[] Events(string output) => output.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

    private static (string Output, SseUsageFilter Filter) Run(byte[] input, bool keepUsage, int readSize)
    {
        var filter = new SseUsageFilter(keepUsage);
        using var output = new PooledBufferWriter();
        for (var offset = 0; offset < input.Length; offset += readSize)
        {
            filter.Process(input.AsSpan(offset, Math.Min(readSize, input.Length - offset)), output);
        }

        filter.Complete(output);
        return (Encoding.UTF8.GetString(output.WrittenSpan), filter);
    }
}
