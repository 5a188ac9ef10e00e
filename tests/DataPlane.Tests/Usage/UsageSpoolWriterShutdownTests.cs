using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.DataPlane.Usage;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Tests.Usage;

public sealed class UsageSpoolWriterShutdownTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task StopHost_RecordOfARequestFinishingWhileTheServerDrains_IsSpooled()
    {
        var queue = new UsageQueue(100);
        var paths = new DataPaths(_dir.Path);
        var record = new UsageRecord(Guid.CreateVersion7(), TestSnapshots.Now, "node-a", TestSnapshots.TenantId, TestSnapshots.TeamId,
            TestSnapshots.KeyId, "chat.completions", "gpt-mock", null, null, "mock", "mock-1", false, 1, 1, 200, null, 1, null);
        var builder = Host.CreateApplicationBuilder();
        // Registered first, like the web server, so the host stops it last: it finishes a request while stopping.
        builder.Services.AddHostedService(_ => new DrainingServer(queue, record));
        builder.Services.AddHostedService(_ => new UsageSpoolWriter(queue, paths,
            Options.Create(new UsageSpoolOptions()), new FakeTimeProvider(TestSnapshots.Now), NullLogger<UsageSpoolWriter>.Instance));
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        var segment = Assert.Single(SpoolSegment.ListClosed(paths.SpoolDirectory));
        Assert.Equal([record], SpoolSegment.Read(segment, out _));
    }

    private sealed class DrainingServer(UsageQueue queue, UsageRecord record) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Assert.True(queue.TryEnqueue(record));
            return Task.CompletedTask;
        }
    }
}
