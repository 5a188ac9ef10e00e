using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Tests.Features.Usage;

/// <summary>
/// Batched ingestion on SQLite (the all-in-one host's database): rows go in through <c>INSERT … ON CONFLICT DO NOTHING</c>
/// outside EF Core's change tracking, so these tests pin that they are stored exactly as EF Core stores them, once by id.
/// </summary>
public sealed class UsageIngestorTests
{
    [Fact]
    public async Task Ingest_SomeIdsStoredAlready_StoresOnlyTheNewOnesOnce()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var stored = Records(30);
        var fresh = Records(20);
        await IngestAsync(host, stored);

        var result = await IngestAsync(host, [.. stored.Skip(10), .. fresh, stored[0], fresh[0]]);

        Assert.Equal(new UsageIngestResult(Stored: 20, AlreadyStored: 21, Quarantined: 0), result);
        var ids = await host.WithDbAsync(db => db.UsageRecords.IgnoreQueryFilters().Select(u => u.Id).ToListAsync());
        Assert.Equal(stored.Concat(fresh).Select(r => r.Id).Order(), ids.Order());
    }

    [Fact]
    public async Task Ingest_RecordStoredThroughSaveChanges_CountedAsStoredAlready()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var records = Records(3);
        await host.WithDbAsync(db =>
        {
            db.UsageRecords.Add(UsageRecordEntity.From(records[1]));
            return db.SaveChangesAsync();
        });

        var result = await IngestAsync(host, records);

        Assert.Equal(new UsageIngestResult(Stored: 2, AlreadyStored: 1, Quarantined: 0), result);
        Assert.Equal(3, await host.WithDbAsync(db => db.UsageRecords.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Ingest_NewRecords_ReadBackThroughEfCoreAsSent()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        await using var host = await ControlPlaneTestHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var records = Records(2);
        records[0] = records[0] with
        {
            Timestamp = new DateTimeOffset(2026, 3, 1, 14, 30, 15, 123, TimeSpan.FromHours(2)).AddTicks(4567),
            RouteId = Guid.CreateVersion7(),
            DeploymentId = Guid.CreateVersion7(),
            ErrorCode = "upstream_timeout",
            TimeToFirstTokenMs = 42.75,
            Stream = true,
            CachedInputTokens = 7,
            CacheWriteTokens = 2,
            ReasoningTokens = 3,
            CostMicros = 123_456,
            CostParts = new UsageCostParts(100_000, 3_000, 456, 15_000, 5_000),
            PriceVersion = "builtin-2025-11:gpt-4o",
            Estimated = true,
            Tags = ["cost-center:4711", "app:search"],
            Findings = [new UsageFinding("pii", "email", 2, "redact"), new UsageFinding("secrets", "codenames", 1, "block", Output: true)],
        };
        records[1] = records[1] with { ProviderKind = null, UpstreamModel = null, RouteId = null, DeploymentId = null, TimeToFirstTokenMs = null };

        await IngestAsync(host, records);

        var since = records[0].Timestamp.AddTicks(-1);
        var found = await host.WithDbAsync(db => db.UsageRecords.IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.Id == records[0].Id && u.Timestamp > since && u.TenantId == records[0].TenantId).ToListAsync());
        var stored = await host.WithDbAsync(db => db.UsageRecords.IgnoreQueryFilters().AsNoTracking().ToListAsync());
        Assert.Equal(records[0].Id, Assert.Single(found).Id);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 30, 15, 123, TimeSpan.Zero).AddTicks(4567), found[0].Timestamp);
        var expected = records.Select(UsageRecordEntity.From).OrderBy(r => r.Id).ToList();
        expected.ForEach(r => r.IngestedAt = clock.GetUtcNow()); // when the control plane stored it, by its own clock
        Assert.Equivalent(expected, stored.OrderBy(r => r.Id), strict: true);
        Assert.Equal(records[0].Findings, stored.Single(r => r.Id == records[0].Id).Findings);
    }

    [Fact]
    public async Task Ingest_CostPartsNotAddingUpOrNegative_RecordQuarantinedOthersStored()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var records = Records(4);
        records[0] = records[0] with { CostMicros = 100, CostParts = new UsageCostParts(40, 0, 0, 60, 0) };
        records[1] = records[1] with { CostMicros = 100, CostParts = new UsageCostParts(40, 0, 0, 59, 0) };
        records[2] = records[2] with { CostMicros = 100, CostParts = new UsageCostParts(140, 0, 0, -40, 0) };
        records[3] = records[3] with { CostMicros = 100 }; // an older node: no split, the whole cost unattributed

        var result = await IngestAsync(host, records);

        Assert.Equal(new UsageIngestResult(Stored: 2, AlreadyStored: 0, Quarantined: 2), result);
        var reasons = await host.WithDbAsync(db => db.UsageQuarantine.ToDictionaryAsync(q => q.Id, q => q.Reason));
        Assert.Equal("costParts must add up to costMicros.", reasons[records[1].Id]);
        Assert.Equal("costParts must not be negative.", reasons[records[2].Id]);
        var stored = await host.WithDbAsync(db => db.UsageRecords.IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(u => u.Id));
        Assert.Equal((40, 60, 0), (stored[records[0].Id].InputCostMicros, stored[records[0].Id].OutputCostMicros, stored[records[0].Id].UnattributedMicros()));
        Assert.Equal((0, 0, 100), (stored[records[3].Id].InputCostMicros, stored[records[3].Id].OutputCostMicros, stored[records[3].Id].UnattributedMicros()));
    }

    [Fact]
    public async Task Ingest_DatabaseRefusesOneRow_OthersStoredThatOneQuarantinedOnce()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        // A rule the validator does not know: SQLite itself refuses that row.
        await host.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER it_plausible_tokens BEFORE INSERT ON UsageRecords WHEN NEW.PromptTokens >= 1000000 "
            + "BEGIN SELECT RAISE(ABORT, 'implausible prompt tokens'); END"));
        var records = Records(5);
        records[2] = records[2] with { PromptTokens = 2_000_000 };

        var first = await IngestAsync(host, records);
        var second = await IngestAsync(host, records);

        Assert.Equal(new UsageIngestResult(Stored: 4, AlreadyStored: 0, Quarantined: 1), first);
        Assert.Equal(new UsageIngestResult(Stored: 0, AlreadyStored: 4, Quarantined: 1), second);
        var ids = await host.WithDbAsync(db => db.UsageRecords.IgnoreQueryFilters().Select(u => u.Id).ToListAsync());
        Assert.Equal(records.Where((_, i) => i != 2).Select(r => r.Id).Order(), ids.Order());
        var quarantined = Assert.Single(await host.WithDbAsync(db => db.UsageQuarantine.ToListAsync()));
        Assert.Equal(records[2].Id, quarantined.Id);
        Assert.Contains("implausible prompt tokens", quarantined.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_Redelivered_StepSeesEachNewRecordOnce()
    {
        var step = new RecordingStep();
        await using var host = await ControlPlaneTestHost.StartAsync(services: s => s.AddScoped<IUsageIngestStep>(_ => step));
        var records = Records(4);

        await IngestAsync(host, records[..3]);
        await IngestAsync(host, records);
        await IngestAsync(host, records);

        Assert.Equal(records.Select(r => r.Id).Order(), step.Seen.Order());
    }

    [Fact]
    public async Task Ingest_StepThrows_NothingStoredAndRetryStoresOnce()
    {
        var step = new RecordingStep { FailNext = true };
        await using var host = await ControlPlaneTestHost.StartAsync(services: s => s.AddScoped<IUsageIngestStep>(_ => step));
        var records = Records(3);

        await Assert.ThrowsAsync<InvalidOperationException>(() => IngestAsync(host, records));
        Assert.Equal(0, await host.WithDbAsync(db => db.UsageRecords.IgnoreQueryFilters().CountAsync()));

        var retried = await IngestAsync(host, records);

        Assert.Equal(new UsageIngestResult(Stored: 3, AlreadyStored: 0, Quarantined: 0), retried);
        Assert.Equal(records.Select(r => r.Id).Order(), step.Seen.Order());
    }

    private sealed class RecordingStep : IUsageIngestStep
    {
        public List<Guid> Seen { get; } = [];
        public bool FailNext { get; set; }

        public Task OnStoredAsync(ControlPlaneDbContext db, IReadOnlyList<UsageRecordEntity> stored, CancellationToken cancellationToken)
        {
            Assert.NotNull(db.Database.CurrentTransaction);
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("step failed");
            }

            Seen.AddRange(stored.Select(r => r.Id));
            return Task.CompletedTask;
        }
    }

    private static async Task<UsageIngestResult> IngestAsync(ControlPlaneTestHost host, IReadOnlyList<UsageRecord> records)
    {
        await using var scope = host.CreateScope();
        var ingestor = scope.ServiceProvider.GetRequiredService<UsageIngestor>();
        return await ingestor.IngestAsync(new UsageBatchReported(Guid.NewGuid(), "node-1", records), CancellationToken.None);
    }

    private static List<UsageRecord> Records(int count)
    {
        var start = DateTimeOffset.UtcNow;
        var tenant = Guid.CreateVersion7();
        return Enumerable.Range(0, count).Select(i => new UsageRecord(
            Guid.CreateVersion7(), start.AddMilliseconds(i), "node-1", tenant, Guid.CreateVersion7(), Guid.CreateVersion7(), "chat.completions",
            "mock-gpt", null, null, "mock", "mock-gpt-1", false, 10 + i, 5, 200, null, 12.5, null)).ToList();
    }
}
