using System.IO.Pipelines;
using System.Text;
using Switchyard.DataPlane.Streaming;
using Switchyard.DataPlane.Tests.Fuzzing;

namespace Switchyard.DataPlane.Tests.Streaming;

public class SseReaderTests
{
    [Fact]
    public async Task ReadAsync_TwoEventsInOnePacketAndConnectionOpen_ReturnsBothWithoutWaitingForMoreData()
    {
        var body = new OpenEndedStream("event: ping\ndata: {}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"u8.ToArray());
        using var cancel = new CancellationTokenSource();
        await using var reader = new SseReader(body);

        var first = await reader.ReadAsync(cancel.Token);
        var second = reader.ReadAsync(cancel.Token).AsTask();
        var winner = await Task.WhenAny(second, body.Starved.Task);
        await cancel.CancelAsync();

        Assert.Equal("ping", first?.Event);
        Assert.True(winner == second, "The reader asked the network for more bytes although the second event was already buffered.");
        Assert.Equal("message_stop", (await second)?.Event);
    }

    [Fact]
    public async Task ReadAsync_OneEventAndConnectionOpen_ReturnsItWithoutWaitingForMoreData()
    {
        var body = new OpenEndedStream("event: ping\ndata: {}\n\n"u8.ToArray());
        using var cancel = new CancellationTokenSource();
        await using var reader = new SseReader(body);

        var first = reader.ReadAsync(cancel.Token).AsTask();
        var winner = await Task.WhenAny(first, body.Starved.Task);
        await cancel.CancelAsync();

        Assert.True(winner == first, "The reader asked the network for more bytes although the event was complete.");
        Assert.Equal("ping", (await first)?.Event);
    }

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

    [Fact]
    public async Task ReadAsync_LongLineInManySmallReads_IsScannedOnceNotOncePerRead()
    {
        // 256 KB of data in 64-byte reads: rescanning the unfinished line on every read would look at ~500 MB.
        var line = "data: " + new string('x', 256 * 1024) + "\n\n";
        await using var reader = new SseReader(new ChunkStream(Encoding.ASCII.GetBytes(line), 64));

        var evt = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal(256 * 1024, evt!.Value.Data.Length);
        Assert.True(reader.SearchedBytes < 4L * line.Length, $"the unfinished line was rescanned on every read ({reader.SearchedBytes} bytes searched)");
    }

    [Fact]
    public async Task ReadAsync_EventOverTheLimit_IsRefusedAsInvalidData()
    {
        var chunk = Encoding.ASCII.GetBytes("data: " + new string('x', 1024 * 1024) + "\n");
        var body = new MemoryStream();
        for (var i = 0; i < 17; i++)
        {
            body.Write(chunk);
        }

        body.Position = 0;
        await using var reader = new SseReader(body);

        await Assert.ThrowsAsync<InvalidDataException>(async () => await reader.ReadAsync(CancellationToken.None));
    }

    /// <summary>Returns one byte per read, like the worst possible network.</summary>
    private sealed class OneByteStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }

    /// <summary>Returns at most <c>chunk</c> bytes per read.</summary>
    private sealed class ChunkStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }
}
