using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Tests.Features.Rollups;

internal static class RollupTestData
{
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

    public static async Task<UsageIngestResult> IngestAsync(ControlPlaneTestHost host, IReadOnlyList<UsageRecord> records)
    {
        await using var scope = host.CreateScope();
        var ingestor = scope.ServiceProvider.GetRequiredService<UsageIngestor>();
        return await ingestor.IngestAsync(new UsageBatchReported(Guid.NewGuid(), "node-1", records), CancellationToken.None);
    }

    public static async Task<T> RunJobAsync<TJob, T>(ControlPlaneTestHost host, Func<TJob, Task<T>> run)
        where TJob : notnull
    {
        await using var scope = host.CreateScope();
        return await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }
}
