using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Rollups;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.Testing.Rollups;
using static Switchyard.ControlPlane.Tests.Features.Rollups.RollupTestData;

namespace Switchyard.ControlPlane.Tests.Features.Rollups;

public sealed class RollupBackfillJobTests
{
    [Fact]
    public async Task Run_RecordsStoredBeforeRollups_AddedOnceWhileNewOnesCountAsIngested()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = Guid.CreateVersion7();
        var old = RollupLedger.Generate(new Random(21), tenant, 2_500, Start, TimeSpan.FromDays(2));
        // As before the rollups migration: stored without the step, then listed by the migration's INSERT … SELECT.
        await host.WithDbAsync(async db =>
        {
            db.UsageRecords.AddRange(old.Select(UsageRecordEntity.From));
            await db.SaveChangesAsync();
            return await db.Database.ExecuteSqlRawAsync("INSERT INTO \"RollupBackfill\" (\"Id\") SELECT \"Id\" FROM \"UsageRecords\"");
        });
        await IngestAsync(host, RollupLedger.Generate(new Random(22), tenant, 100, Start, TimeSpan.FromDays(2)));
        await IngestAsync(host, old.Take(10).ToList()); // redelivered old records: stored already, not counted again

        var first = await RunJobAsync<RollupBackfillJob, int>(host, j => j.RunAsync(CancellationToken.None));
        var second = await RunJobAsync<RollupBackfillJob, int>(host, j => j.RunAsync(CancellationToken.None));

        Assert.Equal((2_500, 0), (first, second));
        await host.WithDbAsync(async db =>
        {
            await RollupLedger.AssertMatchesAsync(db, tenant);
            Assert.Equal(0, await db.Set<RollupBackfillItem>().CountAsync());
            return 0;
        });
    }
}
