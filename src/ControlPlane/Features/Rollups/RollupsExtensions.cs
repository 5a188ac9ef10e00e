using Hangfire;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.ControlPlane.Infrastructure.Jobs;

namespace Switchyard.ControlPlane.Features.Rollups;

public static class RollupsExtensions
{
    /// <summary>
    /// Rollups: hourly rollups kept in the ingest transaction, daily rollups summed from them every hour, and the backfill of
    /// records stored before rollups existed (every ten minutes; a no-op once done).
    /// </summary>
    public static WebApplicationBuilder AddRollups(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<IUsageIngestStep, UsageRollupStep>();
        services.AddRecurringJob<DailyRollupJob>(DailyRollupJob.Id, j => j.RunAsync(CancellationToken.None), "5 * * * *");
        services.AddRecurringJob<RollupBackfillJob>(RollupBackfillJob.Id, j => j.RunAsync(CancellationToken.None), "*/10 * * * *");
        return builder;
    }
}
