using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Rollups;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;
using Switchyard.Testing.Rollups;

namespace Switchyard.IntegrationTests.ControlPlane;

/// <summary>
/// Rollups on PostgreSQL under concurrency: ingest transactions adding to the same rollup rows at once (row locks taken in
/// one global order: no deadlock, nothing lost or counted twice), concurrent backfill runs, and the daily sums.
/// </summary>
public sealed class PostgresRollupTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Ingest_ConcurrentOverlappingBatchesOnSameRows_RollupsEqualLedger()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var tenant = Guid.CreateVersion7();
        // Few hours and few dimensions: most batches add to the same rollup rows.
        var records = Truncate(RollupLedger.Generate(new Random(31), tenant, 3_000, Start, TimeSpan.FromHours(3)));

        // 8 writers, each sending every record it owns plus half of its neighbour's, in batches of 100, all at once.
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var mine = records.Where((_, i) => i % 8 == w || (i % 8 == (w + 1) % 8 && i % 2 == 0)).ToList();
            foreach (var batch in mine.Chunk(100))
            {
                await IngestAsync(host, batch);
            }
        }));
        await Task.WhenAll(writers);
        await IngestAsync(host, records); // redelivered once more

        await host.WithDbAsync(async db =>
        {
            Assert.Equal(records.Count, await db.UsageRecords.IgnoreQueryFilters().CountAsync(u => u.TenantId == tenant));
            await RollupLedger.AssertMatchesAsync(db, tenant);
            return 0;
        });

        // The analytics queries (grouped sums and histogram buckets) run on PostgreSQL too.
        var range = $"from={Start:yyyy-MM-ddTHH:mm:ssZ}&to={Start.AddHours(3):yyyy-MM-ddTHH:mm:ssZ}";
        var byTenant = await host.Admin.GetFromJsonAsync<AnalyticsDto>($"/api/platform/analytics?{range}&groupBy=tenant&limit=50", SwitchyardJson.Options);
        var ours = Assert.Single(byTenant!.Series, s => s.Key == tenant.ToString());
        Assert.Equal((records.Count, records.Sum(r => r.CostMicros)), (ours.Summary.Requests, ours.Summary.CostMicros));
        Assert.Equal(3, ours.Points.Count);
        var p95 = records.Select(r => r.LatencyMs).Order().ElementAt((int)Math.Ceiling(0.95 * records.Count) - 1);
        Assert.InRange(ours.Summary.LatencyP95Ms!.Value, p95 * (1 - LatencyBuckets.MaxRelativeError) - 0.001, p95 * (1 + LatencyBuckets.MaxRelativeError) + 0.001);
    }

    [Fact]
    public async Task BackfillTwiceConcurrentlyThenDailyJob_EachRecordCountedOnce()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var tenant = Guid.CreateVersion7();
        var old = Truncate(RollupLedger.Generate(new Random(32), tenant, 5_000, Start, TimeSpan.FromDays(2)));
        await host.WithDbAsync(async db =>
        {
            db.UsageRecords.AddRange(old.Select(UsageRecordEntity.From));
            await db.SaveChangesAsync();
            return await db.Database.ExecuteSqlRawAsync("INSERT INTO \"RollupBackfill\" (\"Id\") SELECT \"Id\" FROM \"UsageRecords\"");
        });

        var runs = await Task.WhenAll(
            Task.Run(() => RunAsync<RollupBackfillJob, int>(host, j => j.RunAsync(CancellationToken.None))),
            Task.Run(() => RunAsync<RollupBackfillJob, int>(host, j => j.RunAsync(CancellationToken.None))),
            Task.Run(() => IngestAsync(host, Truncate(RollupLedger.Generate(new Random(33), tenant, 500, Start, TimeSpan.FromDays(2)))).ContinueWith(_ => 0)));
        var days = await RunAsync<DailyRollupJob, int>(host, j => j.RunAsync(CancellationToken.None));

        Assert.Equal(old.Count, runs.Sum());
        Assert.Equal(2, days);
        await host.WithDbAsync(async db =>
        {
            await RollupLedger.AssertMatchesAsync(db, tenant);
            await RollupLedger.AssertMatchesAsync(db, tenant, RollupGranularity.Day);
            return 0;
        });
    }

    /// <summary>Whole microseconds: what timestamptz keeps (so an hour boundary is the same in memory and stored).</summary>
    private static List<UsageRecord> Truncate(List<UsageRecord> records) =>
        records.ConvertAll(r => r with { Timestamp = r.Timestamp.AddTicks(-(r.Timestamp.Ticks % 10)) });

    private static async Task<UsageIngestResult> IngestAsync(PostgresControlPlaneHost host, IReadOnlyList<UsageRecord> records)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var ingestor = scope.ServiceProvider.GetRequiredService<UsageIngestor>();
        return await ingestor.IngestAsync(new UsageBatchReported(Guid.NewGuid(), "it-node", records), CancellationToken.None);
    }

    private static async Task<T> RunAsync<TJob, T>(PostgresControlPlaneHost host, Func<TJob, Task<T>> run)
        where TJob : notnull
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }
}
