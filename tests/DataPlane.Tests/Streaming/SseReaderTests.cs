using System.IO.Pipelines;
using System.Text;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Tests.Streaming;

public class SseReaderTests
{
    [Fact]
    public async Task ReadAsync_SeveralEventsInOneRead_HandsEachOutWithoutWaitingForMoreBytes()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes("data: one\n\ndata: two\n\ndata: three\n\n"));
        await using var reader = new SseReader(pipe.Reader.AsStream());

        // The writer stays open: a reader that waited for more bytes before dispatching buffered events would hang here.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var events = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            events.Add(Encoding.UTF8.GetString((await reader.ReadAsync(timeout.Token))!.Value.Data.Span));
        }

        Assert.Equal(["one", "two", "three"], events);
        await pipe.Writer.CompleteAsync();
        Assert.Null(await reader.ReadAsync(timeout.Token));
    }

    [Fact]
    public async Task ReadAsync_EventsSplitAcrossReadsWithCrlfAndMultilineData_AreReassembled()
    {
        var text = "event: message_start\r\ndata: {\"a\":\r\ndata: 1}\r\n\r\n: comment\r\nid: 7\r\ndata: tail\n";
        await using var reader = new SseReader(new OneByteStream(Encoding.UTF8.GetBytes(text)));

        var first = (await reader.ReadAsync(CancellationToken.None))!.Value;
        Assert.Equal(("message_start", "{\"a\":\n1}"), (first.Event, Encoding.UTF8.GetString(first.Data.Span)));
        var last = (await reader.ReadAsync(CancellationToken.None))!.Value;
        Assert.Equal((null, "tail"), (last.Event, Encoding.UTF8.GetString(last.Data.Span)));
        Assert.Null(await reader.ReadAsync(CancellationToken.None));
    }

    /// <summary>Returns one byte per read, like the worst possible network.</summary>
    private sealed class OneByteStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
