using Hangfire;

namespace Switchyard.ControlPlane.Infrastructure.Jobs;

/// <summary>Registers (or updates) the control plane's recurring jobs at start.</summary>
internal sealed class RecurringJobsRegistrar(IRecurringJobManager jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<RetentionPurgeJob>(RetentionPurgeJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Daily(3));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
