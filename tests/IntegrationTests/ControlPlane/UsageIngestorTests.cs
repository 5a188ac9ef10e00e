using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.Shared.Messages;

namespace Switchyard.IntegrationTests.ControlPlane;

/// <summary>
/// Batched ingestion on PostgreSQL: batches larger than one <c>INSERT … ON CONFLICT DO NOTHING</c> statement, records
/// stored already, concurrent overlapping deliveries, a row PostgreSQL refuses in the middle of a large batch. Each test
/// reads back only its own tenant's rows: the host also consumes the shared RabbitMQ usage queue, where other tests'
/// batches may still arrive.
/// </summary>
public sealed class UsageIngestorTests
{
    [Fact]
    public async Task Ingest_LargeBatchHalfStoredAlready_StoresOnlyTheNewOnesOnce()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var records = Records(1100);
        var half = records.Where((_, i) => i % 2 == 0).ToList();
        var first = await IngestAsync(host, half);

        var second = await IngestAsync(host, records);

        Assert.Equal(new UsageIngestResult(Stored: 550, AlreadyStored: 0, Quarantined: 0), first);
        Assert.Equal(new UsageIngestResult(Stored: 550, AlreadyStored: 550, Quarantined: 0), second);
        var ids = await host.WithDbAsync(db => db.UsageRecords.IgnoreQueryFilters().Where(u => u.TenantId == records[0].TenantId).Select(u => u.Id).ToListAsync());
        Assert.Equal(records.Select(r => r.Id).Order(), ids.Order());
    }

    [Fact]
    public async Task Ingest_NewRecords_ReadBackThroughEfCoreAsSent()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var records = Records(2);
        records[0] = records[0] with
        {
            Timestamp = new DateTimeOffset(2026, 3, 1, 14, 30, 15, 123, TimeSpan.FromHours(2)).AddTicks(40),
            RouteId = Guid.CreateVersion7(),
            DeploymentId = Guid.CreateVersion7(),
            ErrorCode = "upstream_timeout",
            TimeToFirstTokenMs = 42.75,
            Stream = true,
            CachedInputTokens = 7,
            CacheWriteTokens = 2,
            ReasoningTokens = 3,
            CostMicros = 9_876_543_210,
            PriceVersion = "builtin-2025-11:gpt-4o",
            Estimated = true,
            Tags = ["cost-center:4711", "app:search"],
        };
        records[1] = records[1] with { ProviderKind = null, UpstreamModel = null, RouteId = null, DeploymentId = null, TimeToFirstTokenMs = null };

        var before = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        await IngestAsync(host, records);
        var after = DateTimeOffset.UtcNow.AddMilliseconds(1);

        var since = records[0].Timestamp.AddTicks(-10);
        var found = await host.WithDbAsync(db => db.UsageRecords.IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.Id == records[0].Id && u.Timestamp > since).ToListAsync());
        var stored = await host.WithDbAsync(db => db.UsageRecords.IgnoreQueryFilters().AsNoTracking().Where(u => u.TenantId == records[0].TenantId).ToListAsync());
        Assert.Equal(records[0].Id, Assert.Single(found).Id);
        // Stamped with when the control plane stored it (its clock, not the node's).
        Assert.All(stored, r => Assert.InRange(r.IngestedAt!.Value, before, after));
        var expected = records.Select(UsageRecordEntity.From).OrderBy(r => r.Id).ToList();
        expected.ForEach(r => r.IngestedAt = stored.Single(s => s.Id == r.Id).IngestedAt);
        Assert.Equivalent(expected, stored.OrderBy(r => r.Id), strict: true);
    }

    [Fact]
    public async Task Ingest_OverlappingLargeBatchesConcurrently_EachRecordStoredAndCountedOnce()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var records = Records(1500);
        IReadOnlyList<UsageRecord>[] batches =
        [
            records[..1000],
            [.. records[500..].AsEnumerable().Reverse()],
            [.. records.Where((_, i) => i % 3 == 0).Reverse()],
            records,
        ];

        var results = await Task.WhenAll(batches.Select(b => Task.Run(() => IngestAsync(host, b))));

        Assert.Equal(records.Count, results.Sum(r => r.Stored));
        var ids = await host.WithDbAsync(db => db.UsageRecords.IgnoreQueryFilters().Where(u => u.TenantId == records[0].TenantId).Select(u => u.Id).ToListAsync());
        Assert.Equal(records.Select(r => r.Id).Order(), ids.Order());
    }

    [Fact]
    public async Task Ingest_PostgresRefusesOneRowOfALargeBatch_OthersStoredThatOneQuarantinedOnce()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        // A rule the validator does not know: PostgreSQL itself refuses that row, in the batch's second statement.
        await host.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            """ALTER TABLE "UsageRecords" ADD CONSTRAINT it_plausible_tokens CHECK ("PromptTokens" < 1000000)"""));
        var records = Records(400);
        records[300] = records[300] with { PromptTokens = 2_000_000 };

        var first = await IngestAsync(host, records);
        var second = await IngestAsync(host, records);

        Assert.Equal(new UsageIngestResult(Stored: 399, AlreadyStored: 0, Quarantined: 1), first);
        Assert.Equal(new UsageIngestResult(Stored: 0, AlreadyStored: 399, Quarantined: 1), second);
        Assert.Equal(399, await host.WithDbAsync(db => db.UsageRecords.IgnoreQueryFilters().CountAsync(u => u.TenantId == records[0].TenantId)));
        var quarantined = Assert.Single(await host.WithDbAsync(db => db.UsageQuarantine.Where(q => q.TenantId == records[0].TenantId).ToListAsync()));
        Assert.Equal(records[300].Id, quarantined.Id);
        Assert.Contains("it_plausible_tokens", quarantined.Reason, StringComparison.Ordinal);
    }

    private static async Task<UsageIngestResult> IngestAsync(PostgresControlPlaneHost host, IReadOnlyList<UsageRecord> records)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var ingestor = scope.ServiceProvider.GetRequiredService<UsageIngestor>();
        return await ingestor.IngestAsync(new UsageBatchReported(Guid.NewGuid(), "it-node", records), CancellationToken.None);
    }

    private static List<UsageRecord> Records(int count)
    {
        var now = DateTimeOffset.UtcNow;
        var start = now.AddTicks(-(now.Ticks % 10)); // whole microseconds: what timestamptz keeps
        var tenant = Guid.CreateVersion7();
        return Enumerable.Range(0, count).Select(i => new UsageRecord(
            Guid.CreateVersion7(), start.AddMilliseconds(i), "it-node", tenant, Guid.CreateVersion7(), Guid.CreateVersion7(), "chat.completions",
            "mock-gpt", null, null, "mock", "mock-gpt-1", false, 10 + i, 5, 200, null, 12.5, null)).ToList();
    }
}
