using Switchyard.Testing.Streams;
using System.Text;
using Switchyard.Shared.Http;

namespace Switchyard.Shared.Tests.Http;

public class BoundedBodyTests
{
    [Fact]
    public async Task ReadPrefixAsync_LongerBody_IsCutAtTheLimit()
    {
        var body = await BoundedBody.ReadPrefixAsync(Content(new string('a', 100_000)), 70_000, CancellationToken.None);

        Assert.Equal(70_000, body.Length);
    }

    [Fact]
    public async Task ReadPrefixAsync_ShortBodyInSmallReadsWithoutLength_ArrivesWhole()
    {
        var text = string.Concat(Enumerable.Range(0, 3000).Select(i => $"{i},"));
        var content = new StreamContent(new TrickleStream(Encoding.UTF8.GetBytes(text), 7));

        var body = await BoundedBody.ReadPrefixAsync(content, 64 * 1024, CancellationToken.None);

        Assert.Equal(text, Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task ReadWholeAsync_BodyOfExactlyTheLimit_IsRead()
    {
        var body = await BoundedBody.ReadWholeAsync(Content(new string('a', 5000)), 5000, CancellationToken.None);

        Assert.Equal(5000, body?.Length);
    }

    [Fact]
    public async Task ReadWholeAsync_BodyOneByteOverTheLimit_IsRefused()
    {
        var content = new StreamContent(new TrickleStream(Encoding.UTF8.GetBytes(new string('a', 5001)), 1000));

        Assert.Null(await BoundedBody.ReadWholeAsync(content, 5000, CancellationToken.None));
    }

    private static ByteArrayContent Content(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>A body without a declared length that hands out at most <paramref name="step"/> bytes per read.</summary>
    private sealed class TrickleStream(byte[] bytes, int step) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(step, buffer.Length)], cancellationToken);
    }
}
