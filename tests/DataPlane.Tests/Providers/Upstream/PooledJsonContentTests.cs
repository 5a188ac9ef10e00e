using System.Buffers;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Tests.Providers.Upstream;

public class PooledJsonContentTests
{
    [Fact]
    public async Task Dispose_WhileSending_KeepsTheBytesUntilTheSendEnds()
    {
        var body = new PooledBufferWriter();
        body.Write("""{"model":"m","messages":[]}"""u8);
        var content = new PooledJsonContent(body);
        var target = new GatedStream();

        var send = content.CopyToAsync(target);
        content.Dispose();
        var reused = ArrayPool<byte>.Shared.Rent(4096);
        reused.AsSpan().Fill((byte)'X');
        target.Gate.SetResult();
        await send;
        ArrayPool<byte>.Shared.Return(reused);

        Assert.Equal("""{"model":"m","messages":[]}""", target.Sent);
    }

    [Fact]
    public void Headers_AreJsonWithLength()
    {
        var body = new PooledBufferWriter();
        body.Write("{}"u8);
        using var content = new PooledJsonContent(body);

        Assert.Equal("application/json", content.Headers.ContentType?.MediaType);
        Assert.Equal(2, content.Headers.ContentLength);
    }

    /// <summary>A stream whose write holds the caller's memory until the gate opens, then copies it.</summary>
    private sealed class GatedStream : MemoryStream
    {
        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Sent => System.Text.Encoding.UTF8.GetString(ToArray());

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Gate.Task;
            await base.WriteAsync(buffer, cancellationToken);
        }
    }
}
