using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.DataPlane.Usage;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Tests.Usage;

/// <summary>A full or failing disk under the usage spool: the node keeps running, reports it, and loses nothing spooled.</summary>
public sealed class UsageSpoolWriterDiskErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(TestSnapshots.Now);
    private readonly UsageQueue _queue = new(1000);
    private readonly FailingSpoolFileSystem _files = new();
    private readonly UsageSpoolHealth _health = new();
    private readonly DataPaths _paths;
    private readonly IOptions<UsageSpoolOptions> _options = Options.Create(new UsageSpoolOptions { FlushIntervalMs = 100 });

    public UsageSpoolWriterDiskErrorTests() => _paths = new DataPaths(_dir.Path);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void WriteAvailable_DiskFullMidWrite_KeepsWhatWasSpooledAndWritesTheRestOnceItRecovers()
    {
        using var writer = Writer();
        var written = Enqueue(3);
        writer.WriteAvailable();

        _files.FailWrites = true;
        var failed = Enqueue(2);
        writer.WriteAvailable();
        var waiting = Enqueue(1);
        writer.WriteAvailable();

        var spooled = Assert.Single(SpoolSegment.ListClosed(_paths.SpoolDirectory));
        Assert.Equal(written, SpoolSegment.Read(spooled, out var torn));
        Assert.Equal(0, torn);
        Assert.Equal(("write", 2, 1), (_health.Current?.Operation, writer.PendingRecords, _queue.Count));

        _files.FailWrites = false;
        _time.Advance(TimeSpan.FromSeconds(1));
        writer.WriteAvailable();
        writer.CloseSegment();

        Assert.Null(_health.Current);
        Assert.Equal([.. written, .. failed, .. waiting], ReadAllClosed());
    }

    [Fact]
    public async Task Host_FsyncFailsWhenClosingSegments_KeepsRunningReportsNotReadyAndLosesNothing()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHostedService(_ => Writer());
        using var host = builder.Build();
        var check = new UsageSpoolHealthCheck(_health, _queue, _time);
        await host.StartAsync();
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        _files.FailFsync = true;
        var records = Enqueue(5);
        await AdvanceUntilAsync(() => _health.Current is not null);
        var duringFailure = await check.CheckHealthAsync(new HealthCheckContext());
        records.AddRange(Enqueue(3));
        await AdvanceUntilAsync(() => _health.Current?.Count >= 2);

        Assert.False(stopping.IsCancellationRequested);
        Assert.Equal(HealthStatus.Unhealthy, duringFailure.Status);
        Assert.Equal("fsync", duringFailure.Data["operation"]);

        _files.FailFsync = false;
        await AdvanceUntilAsync(() => _health.Current is null && _queue.Count == 0);
        await host.StopAsync();

        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        Assert.Equal(records, ReadAllClosed());
    }

    [Fact]
    public async Task Host_RenameFailsWhenClosingSegments_RetriedUntilItWorks()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHostedService(_ => Writer());
        using var host = builder.Build();
        await host.StartAsync();

        _files.FailMoves = true;
        var records = Enqueue(4);
        await AdvanceUntilAsync(() => _health.Current is not null);
        Assert.Empty(SpoolSegment.ListClosed(_paths.SpoolDirectory));

        _files.FailMoves = false;
        await AdvanceUntilAsync(() => _health.Current is null);
        await host.StopAsync();

        Assert.Equal(records, ReadAllClosed());
    }

    private UsageSpoolWriter Writer() =>
        new(_queue, _paths, _options, _time, NullLogger<UsageSpoolWriter>.Instance, _files, _health);

    /// <summary>Moves the fake clock on (timer ticks, retry backoff) until the background writer reached a state.</summary>
    private async Task AdvanceUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(5);
        }

        Assert.True(condition(), "The spool writer never reached the expected state.");
    }

    private List<UsageRecord> ReadAllClosed() =>
        SpoolSegment.ListClosed(_paths.SpoolDirectory).SelectMany(s => SpoolSegment.Read(s, out _)).ToList();

    private List<UsageRecord> Enqueue(int count)
    {
        var records = Enumerable.Range(0, count).Select(_ => new UsageRecord(
            Guid.CreateVersion7(), _time.GetUtcNow(), "node-a", TestSnapshots.TenantId, TestSnapshots.TeamId, TestSnapshots.KeyId,
            "chat.completions", "gpt-mock", null, null, "mock", "mock-1", false, 10, 5, 200, null, 12.5, null)).ToList();
        records.ForEach(r => Assert.True(_queue.TryEnqueue(r)));
        return records;
    }
}
