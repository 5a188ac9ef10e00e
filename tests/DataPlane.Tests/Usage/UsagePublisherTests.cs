using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.DataPlane.Usage;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Tests.Usage;

/// <summary>A segment that cannot be delivered or read never holds up the ones behind it, and is retried.</summary>
public sealed class UsagePublisherTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(TestSnapshots.Now);
    private readonly FakeMessagePublisher _bus = new();
    private readonly FailingSpoolFileSystem _files = new();
    private readonly DataPaths _paths;
    private readonly IOptions<UsageSpoolOptions> _options = Options.Create(new UsageSpoolOptions());
    private readonly IOptions<NodeOptions> _node = Options.Create(new NodeOptions { NodeId = "node-a" });

    public UsagePublisherTests() => _paths = new DataPaths(_dir.Path);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task PublishPendingAsync_OldestSegmentRefusedEveryTime_NewerSegmentsStillDelivered()
    {
        var poison = Spool(2);
        var newer = Spool(2).Concat(Spool(2)).ToList();
        _bus.RefuseBatch = b => b.Records.Any(r => r.Id == poison[0].Id);
        using var publisher = Publisher();

        Assert.False(await publisher.PublishPendingAsync(CancellationToken.None));
        Assert.True(await publisher.PublishPendingAsync(CancellationToken.None));
        Assert.True(await publisher.PublishPendingAsync(CancellationToken.None));

        Assert.Equal(newer, Delivered());
        var kept = Assert.Single(SpoolSegment.ListClosed(_paths.SpoolDirectory));
        Assert.Equal(poison, SpoolSegment.Read(kept, out _));

        _bus.RefuseBatch = null;
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await publisher.PublishPendingAsync(CancellationToken.None));
        Assert.Equal([.. newer, .. poison], Delivered());
        Assert.Empty(SpoolSegment.ListClosed(_paths.SpoolDirectory));
    }

    [Fact]
    public async Task PublishPendingAsync_SegmentUnreadable_OthersDeliveredAndItIsRetried()
    {
        var unreadable = Spool(1);
        var others = Spool(3);
        var first = SpoolSegment.ListClosed(_paths.SpoolDirectory)[0];
        _files.FailReads[Path.GetFileName(first)] = true;
        using var publisher = Publisher();

        Assert.False(await publisher.PublishPendingAsync(CancellationToken.None));
        Assert.True(await publisher.PublishPendingAsync(CancellationToken.None));
        Assert.Equal(others, Delivered());

        _files.FailReads.Clear();
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await publisher.PublishPendingAsync(CancellationToken.None));
        Assert.Equal([.. others, .. unreadable], Delivered());
    }

    private UsagePublisher Publisher() => new(_paths, _bus, _node, _options, _time, NullLogger<UsagePublisher>.Instance, _files);

    private List<UsageRecord> Delivered() => _bus.Published.OfType<UsageBatchReported>().SelectMany(b => b.Records).ToList();

    /// <summary>Writes one closed segment of <paramref name="count"/> records (a tick later than the previous one).</summary>
    private List<UsageRecord> Spool(int count)
    {
        _time.Advance(TimeSpan.FromMilliseconds(10));
        var queue = new UsageQueue(100);
        var records = Enumerable.Range(0, count).Select(_ => new UsageRecord(
            Guid.CreateVersion7(), _time.GetUtcNow(), "node-a", TestSnapshots.TenantId, TestSnapshots.TeamId, TestSnapshots.KeyId,
            "chat.completions", "gpt-mock", null, null, "mock", "mock-1", false, 10, 5, 200, null, 12.5, null)).ToList();
        records.ForEach(r => Assert.True(queue.TryEnqueue(r)));
        using var writer = new UsageSpoolWriter(queue, _paths, _options, _time, NullLogger<UsageSpoolWriter>.Instance);
        writer.Flush();
        return records;
    }
}
