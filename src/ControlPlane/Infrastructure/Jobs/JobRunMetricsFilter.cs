using Hangfire.Server;
using Switchyard.ControlPlane.Infrastructure.Telemetry;

namespace Switchyard.ControlPlane.Infrastructure.Jobs;

/// <summary>
/// Counts every background job run by job class and result, and times it (<see cref="ControlPlaneMetrics.JobRan"/>).
/// Attached to this process's Hangfire server only (not to Hangfire's static global filters).
/// </summary>
public sealed class JobRunMetricsFilter(ControlPlaneMetrics metrics, TimeProvider time) : IServerFilter
{
    private const string StartedKey = "switchyard.started";

    public void OnPerforming(PerformingContext context) => context.Items[StartedKey] = time.GetTimestamp();

    public void OnPerformed(PerformedContext context)
    {
        if (context.Canceled)
        {
            return;
        }

        var started = context.Items.TryGetValue(StartedKey, out var value) && value is long timestamp ? timestamp : time.GetTimestamp();
        var job = context.BackgroundJob.Job?.Type.Name ?? "unknown";
        metrics.JobRan(job, context.Exception is null || context.ExceptionHandled, time.GetElapsedTime(started));
    }
}
