using Switchyard.DataPlane.Streaming;
using Switchyard.DataPlane.Tests.Fuzzing;

namespace Switchyard.DataPlane.Tests.Streaming;

public class SseReaderTests
{
    [Fact(Skip = "Known bug in SseReader (the lead is rewriting it): after returning an event it advances the PipeReader with examined = the end of the buffer, so the next ReadAsync waits for new bytes from the network even when a whole event is already buffered. Events that arrive in one packet are held back until the next packet (or forever when the upstream then goes quiet with the connection open). Fix: AdvanceTo(consumed) without marking the rest examined when an event was dispatched.")]
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
}
