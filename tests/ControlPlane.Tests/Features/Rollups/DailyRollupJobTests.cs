using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Rollups;
using Switchyard.Testing.Rollups;
using static Switchyard.ControlPlane.Tests.Features.Rollups.RollupTestData;

namespace Switchyard.ControlPlane.Tests.Features.Rollups;

public sealed class DailyRollupJobTests
{
    [Fact]
    public async Task Run_AfterIngest_DailyRollupsEqualLedgerAndRerunChangesNothing()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = Guid.CreateVersion7();
        await IngestAsync(host, RollupLedger.Generate(new Random(11), tenant, 300, Start, TimeSpan.FromDays(3)));

        var first = await RunJobAsync<DailyRollupJob, int>(host, j => j.RunAsync(CancellationToken.None));
        var second = await RunJobAsync<DailyRollupJob, int>(host, j => j.RunAsync(CancellationToken.None));

        Assert.Equal((3, 0), (first, second));
        await host.WithDbAsync(async db =>
        {
            await RollupLedger.AssertMatchesAsync(db, tenant, RollupGranularity.Day);
            Assert.Empty(await db.Set<RollupDirtyDay>().Where(d => d.TenantId == tenant).ToListAsync());
            return 0;
        });
    }

    [Fact]
    public async Task Run_LateUsageForSummedDay_SumsThatDayAgain()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = Guid.CreateVersion7();
        await IngestAsync(host, RollupLedger.Generate(new Random(12), tenant, 50, Start, TimeSpan.FromDays(1)));
        await RunJobAsync<DailyRollupJob, int>(host, j => j.RunAsync(CancellationToken.None));

        await IngestAsync(host, RollupLedger.Generate(new Random(13), tenant, 5, Start.AddHours(3), TimeSpan.FromHours(1)));
        var summed = await RunJobAsync<DailyRollupJob, int>(host, j => j.RunAsync(CancellationToken.None));

        Assert.Equal(1, summed);
        await host.WithDbAsync(async db =>
        {
            await RollupLedger.AssertMatchesAsync(db, tenant, RollupGranularity.Day);
            Assert.Equal(55, await db.UsageRollups.Where(r => r.TenantId == tenant && r.Granularity == RollupGranularity.Day).SumAsync(r => r.Requests));
            return 0;
        });
    }
}
