using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Rollups;
using Switchyard.Shared.Messages;
using Switchyard.Testing.Rollups;
using static Switchyard.ControlPlane.Tests.Features.Rollups.RollupTestData;

namespace Switchyard.ControlPlane.Tests.Features.Rollups;

public sealed class UsageRollupStepTests
{
    [Fact]
    public async Task Ingest_OverlappingBatchesAndRedelivery_RollupsEqualLedger()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = Guid.CreateVersion7();
        var records = RollupLedger.Generate(new Random(7), tenant, 400, Start, TimeSpan.FromDays(2));

        for (var i = 0; i < records.Count; i += 40)
        {
            // Each batch repeats the previous batch's last 20 records and one of its own (a node resending after a lost ack).
            var batch = records.Skip(Math.Max(0, i - 20)).Take(60).ToList();
            await IngestAsync(host, [.. batch, batch[0]]);
        }

        var redelivered = await IngestAsync(host, records);

        Assert.Equal(0, redelivered.Stored);
        await host.WithDbAsync(async db =>
        {
            await RollupLedger.AssertMatchesAsync(db, tenant);
            return 0;
        });
    }

    [Fact]
    public async Task Ingest_LateRecord_LandsInTheHourItHappenedAndMarksThatDay()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = Guid.CreateVersion7();
        var now = RollupLedger.Generate(new Random(1), tenant, 20, Start.AddDays(3), TimeSpan.FromHours(1));
        await IngestAsync(host, now);
        var late = RollupLedger.Generate(new Random(2), tenant, 1, Start.AddHours(5).AddMinutes(59), TimeSpan.FromSeconds(1))[0];

        await IngestAsync(host, [late]);

        var hour = await host.WithDbAsync(db => db.UsageRollups.Where(r => r.TenantId == tenant && r.Start == Start.AddHours(5)).ToListAsync());
        var days = await host.WithDbAsync(db => db.Set<RollupDirtyDay>().Where(d => d.TenantId == tenant).Select(d => d.Day).ToListAsync());
        Assert.Equal((1L, (long)late.PromptTokens, late.CostMicros), (Assert.Single(hour).Requests, hour[0].InputTokens, hour[0].CostMicros));
        Assert.Equal([Start, Start.AddDays(3)], days.Order());
        await host.WithDbAsync(async db =>
        {
            await RollupLedger.AssertMatchesAsync(db, tenant);
            return 0;
        });
    }

    [Fact]
    public async Task Ingest_RecordWithoutDeploymentPriceOrTags_StoredUnderEmptyDimensions()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = Guid.CreateVersion7();
        var record = RollupLedger.Generate(new Random(3), tenant, 1, Start, TimeSpan.FromMinutes(1))[0] with
        {
            DeploymentId = null, PriceVersion = null, Tags = null,
        };

        await IngestAsync(host, [record]);
        await IngestAsync(host, [record with { Id = Guid.CreateVersion7() }]);

        var row = Assert.Single(await host.WithDbAsync(db => db.UsageRollups.Where(r => r.TenantId == tenant).ToListAsync()));
        Assert.Equal((Guid.Empty, "", 2L), (row.DeploymentId, row.PriceVersion, row.Requests));
        Assert.Empty(await host.WithDbAsync(db => db.UsageTagRollups.Where(r => r.TenantId == tenant).ToListAsync()));
    }
}
