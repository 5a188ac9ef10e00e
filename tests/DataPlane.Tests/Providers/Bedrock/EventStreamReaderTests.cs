using Switchyard.Testing.Streams;
using System.IO.Pipelines;
using System.Text.Json.Nodes;
using Switchyard.DataPlane.Providers.Bedrock;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Providers.Bedrock;

public class EventStreamReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3, 7, 64)]
    [InlineData(4096)]
    public async Task ReadAsync_ConversationFixtureInChunks_DecodesTheTenFramesOfTheJsonl(params int[] chunks)
    {
        var expected = Fixture.Text("bedrock-conversestream-events.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var reader = Reader(Fixture.Bytes("bedrock-conversestream.bin"), chunks);

        var decoded = new List<JsonNode>();
        while (await reader.ReadAsync(CancellationToken.None) is { } message)
        {
            decoded.Add(ToJson(message));
        }

        Assert.Equal(10, decoded.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected[i]), decoded[i]), $"frame {i}: {decoded[i].ToJsonString()}");
        }
    }

    [Fact]
    public async Task ReadAsync_ExceptionFixture_DecodesThrottlingException()
    {
        using var reader = Reader(EventStreamFrames.ThrottlingException(), 5);

        var message = await reader.ReadAsync(CancellationToken.None);

        Assert.NotNull(message);
        Assert.Equal("exception", message.MessageType);
        Assert.Equal("throttlingException", message.ExceptionType);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Fixture.Text("bedrock-conversestream-exception.jsonl")), ToJson(message)));
        Assert.Null(await reader.ReadAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(100, "message CRC")] // a payload byte of the second frame
    [InlineData(0, "prelude CRC")] // total_len
    [InlineData(6, "prelude CRC")] // headers_len
    [InlineData(20, "message CRC")] // a header byte
    [InlineData(-1, "message CRC")] // the message CRC itself
    public async Task ReadAsync_CorruptedByte_ThrowsCrcMismatch(int offset, string which)
    {
        var frames = EventStreamFrames.Conversation();
        var second = frames[1];
        second[offset < 0 ? second.Length - 1 : offset] ^= 0x20;
        using var reader = Reader([.. frames[0], .. second], 16);

        Assert.NotNull(await reader.ReadAsync(CancellationToken.None));
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => reader.ReadAsync(CancellationToken.None).AsTask());
        Assert.Contains(which, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_StreamEndsInsideFrame_ThrowsEndOfStream()
    {
        var frames = EventStreamFrames.Conversation();
        using var reader = Reader([.. frames[0], .. frames[1][..40]], 16);

        Assert.NotNull(await reader.ReadAsync(CancellationToken.None));
        await Assert.ThrowsAsync<EndOfStreamException>(() => reader.ReadAsync(CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task ReadAsync_EmptyStream_ReturnsNull()
    {
        using var reader = Reader([], 1);

        Assert.Null(await reader.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_EveryHeaderType_DecodesItsValue()
    {
        var uuid = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        byte[] headers =
        [
            .. EventStreamFrames.Header("t", 0), .. EventStreamFrames.Header("f", 1), .. EventStreamFrames.Header("b", 2, 0xFE),
            .. EventStreamFrames.Header("s", 3, 0x01, 0x02), .. EventStreamFrames.Header("i", 4, 0x00, 0x01, 0x00, 0x00),
            .. EventStreamFrames.Header("l", 5, 0, 0, 0, 1, 0, 0, 0, 0), .. EventStreamFrames.Header("y", 6, 0, 2, 0xCA, 0xFE),
            .. EventStreamFrames.StringHeader("str", "héllo"), .. EventStreamFrames.Header("ts", 8, 0, 0, 0x01, 0x8A, 0x1F, 0x4B, 0x5C, 0x00),
            .. EventStreamFrames.Header("u", 9, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF),
        ];
        using var reader = Reader(EventStreamFrames.Encode(headers, "{}"u8.ToArray()), 2);

        var message = await reader.ReadAsync(CancellationToken.None);

        Assert.NotNull(message);
        Assert.Equal(true, message["t"]);
        Assert.Equal(false, message["f"]);
        Assert.Equal((sbyte)-2, message["b"]);
        Assert.Equal((short)0x0102, message["s"]);
        Assert.Equal(0x10000, message["i"]);
        Assert.Equal(1L << 32, message["l"]);
        Assert.Equal(new byte[] { 0xCA, 0xFE }, message["y"]);
        Assert.Equal("héllo", message.GetString("str"));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(0x018A1F4B5C00), message["ts"]);
        Assert.Equal(uuid, message["u"]);
        Assert.Equal("{}"u8.ToArray(), message.Payload.ToArray());
    }

    [Fact]
    public async Task ReadAsync_UnknownHeaderType_ThrowsInvalidData()
    {
        using var reader = Reader(EventStreamFrames.Encode(EventStreamFrames.Header("x", 10), []), 64);

        await Assert.ThrowsAsync<InvalidDataException>(() => reader.ReadAsync(CancellationToken.None).AsTask());
    }

    [Theory]
    [InlineData(new byte[] { 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF })] // long.MaxValue ms
    [InlineData(new byte[] { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 })] // long.MinValue ms
    [InlineData(new byte[] { 0x00, 0x00, 0xE6, 0x77, 0xD2, 0x1F, 0xDC, 0x00 })] // 253402300800000 ms: year 10000
    public async Task ReadAsync_TimestampHeaderOutOfRange_ThrowsInvalidData(byte[] milliseconds)
    {
        using var reader = Reader(EventStreamFrames.Encode(EventStreamFrames.Header("ts", 8, milliseconds), []), 64);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => reader.ReadAsync(CancellationToken.None).AsTask());
        Assert.Contains("'ts'", ex.Message, StringComparison.Ordinal);
    }

    private static EventStreamReader Reader(byte[] data, params int[] chunks) =>
        new(PipeReader.Create(new TrickleStream(data, chunks), new StreamPipeReaderOptions(bufferSize: 64)));

    private static JsonNode ToJson(EventStreamMessage message)
    {
        var headers = new JsonObject();
        foreach (var (name, value) in message.Headers)
        {
            headers[name] = (string)value;
        }

        return new JsonObject { ["headers"] = headers, ["payload"] = JsonNode.Parse(message.Payload.Span) };
    }
}
