using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.DataPlane.Usage;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Tests.Usage;

public sealed class UsageSpoolTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(TestSnapshots.Now);
    private readonly FakeMessagePublisher _bus = new();
    private readonly UsageQueue _queue = new(100);
    private readonly DataPaths _paths;
    private readonly IOptions<UsageSpoolOptions> _options;
    private readonly IOptions<NodeOptions> _node = Options.Create(new NodeOptions { NodeId = "node-a" });

    public UsageSpoolTests()
    {
        _paths = new DataPaths(_dir.Path);
        _options = Options.Create(new UsageSpoolOptions { MaxBatchSize = 2 });
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task WriteAvailable_RecordsAreOnDiskBeforeTheSegmentCloses()
    {
        using var writer = await StartedWriterAsync();
        Enqueue(3);

        writer.WriteAvailable();

        var open = Assert.Single(Directory.GetFiles(_paths.SpoolDirectory, "*.open"));
        using var stream = new FileStream(open, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        Assert.Equal(3, new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task CloseSegment_ThenRead_ReturnsSameRecords()
    {
        using var writer = await StartedWriterAsync();
        var records = Enqueue(3);
        writer.WriteAvailable();

        writer.CloseSegment();

        var segment = Assert.Single(SpoolSegment.ListClosed(_paths.SpoolDirectory));
        Assert.Equal(records, SpoolSegment.Read(segment, out var skipped));
        Assert.Equal(0, skipped);
    }

    [Fact]
    public async Task Read_TornLastLine_IsSkipped()
    {
        using var writer = await StartedWriterAsync();
        Enqueue(2);
        writer.WriteAvailable();
        writer.CloseSegment();
        var segment = SpoolSegment.ListClosed(_paths.SpoolDirectory)[0];
        await File.AppendAllTextAsync(segment, "{\"id\":\"0198a0");

        var records = SpoolSegment.Read(segment, out var skipped);

        Assert.Equal(2, records.Count);
        Assert.Equal(1, skipped);
    }

    [Fact]
    public async Task PublishPendingAsync_Success_PublishesBatchesThenDeletesSegment()
    {
        var records = await SpoolAsync(5);
        var publisher = Publisher();

        Assert.True(await publisher.PublishPendingAsync(CancellationToken.None));

        var batches = _bus.Published.Cast<UsageBatchReported>().ToList();
        Assert.Equal([2, 2, 1], batches.Select(b => b.Records.Count));
        Assert.Equal(records, batches.SelectMany(b => b.Records));
        Assert.Equal(3, batches.Select(b => b.BatchId).Distinct().Count());
        Assert.All(batches, b => Assert.Equal("node-a", b.NodeId));
        Assert.Empty(Directory.GetFiles(_paths.SpoolDirectory));
    }

    [Fact]
    public async Task PublishPendingAsync_BrokerDown_KeepsSegmentAndRetriesWithSameBatchIds()
    {
        await SpoolAsync(3);
        var segment = SpoolSegment.ListClosed(_paths.SpoolDirectory)[0];
        var publisher = Publisher();
        _bus.Fail = true;

        Assert.False(await publisher.PublishPendingAsync(CancellationToken.None));
        Assert.True(File.Exists(segment));

        _bus.Fail = false;
        Assert.True(await publisher.PublishPendingAsync(CancellationToken.None));
        Assert.False(File.Exists(segment));
        Assert.Equal([SpoolSegment.BatchId(segment, 0), SpoolSegment.BatchId(segment, 1)], _bus.Published.Cast<UsageBatchReported>().Select(b => b.BatchId));
    }

    [Fact]
    public async Task StartAsync_LeftoverOpenSegment_IsPublished()
    {
        Directory.CreateDirectory(_paths.SpoolDirectory);
        var leftover = Path.Combine(_paths.SpoolDirectory, Guid.CreateVersion7().ToString("N") + SpoolSegment.OpenExtension);
        await File.WriteAllLinesAsync(leftover, [System.Text.Json.JsonSerializer.Serialize(Record(), Switchyard.Shared.SwitchyardJson.Options)]);
        using var writer = await StartedWriterAsync();
        using var publisher = Publisher();

        await publisher.StartAsync(CancellationToken.None);
        for (var i = 0; i < 100 && _bus.Published.IsEmpty; i++)
        {
            await Task.Delay(20);
        }

        await publisher.StopAsync(CancellationToken.None);
        Assert.Single(_bus.Published);
        Assert.Empty(Directory.GetFiles(_paths.SpoolDirectory));
    }

    private async Task<List<UsageRecord>> SpoolAsync(int count)
    {
        using var writer = await StartedWriterAsync();
        var records = Enqueue(count);
        writer.WriteAvailable();
        writer.CloseSegment();
        return records;
    }

    private async Task<UsageSpoolWriter> StartedWriterAsync()
    {
        var writer = new UsageSpoolWriter(new UsageQueue(1), _paths, _options, _time, NullLogger<UsageSpoolWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        await writer.StopAsync(CancellationToken.None);
        return new UsageSpoolWriter(_queue, _paths, _options, _time, NullLogger<UsageSpoolWriter>.Instance);
    }

    private UsagePublisher Publisher() => new(_paths, _bus, _node, _options, _time, NullLogger<UsagePublisher>.Instance);

    private List<UsageRecord> Enqueue(int count)
    {
        var records = Enumerable.Range(0, count).Select(_ => Record()).ToList();
        records.ForEach(r => Assert.True(_queue.TryEnqueue(r)));
        return records;
    }

    private UsageRecord Record() => new(
        Guid.CreateVersion7(), _time.GetUtcNow(), "node-a", TestSnapshots.TenantId, TestSnapshots.TeamId, TestSnapshots.KeyId,
        "chat.completions", "gpt-mock", Guid.NewGuid(), Guid.NewGuid(), "mock", "mock-1", false, 10, 5, 200, null, 12.5, 3.25);
}
