using Hangfire;

namespace Switchyard.ControlPlane.Infrastructure.Jobs;

/// <summary>Registers (or updates) every <see cref="RecurringJobRegistration"/> the slices added, at start.</summary>
internal sealed class RecurringJobsRegistrar(IRecurringJobManager jobs, IEnumerable<RecurringJobRegistration> recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var job in recurring)
        {
            job.Register(jobs);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
