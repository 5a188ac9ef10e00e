using MassTransit;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Telemetry;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Features.Config;

/// <summary>
/// After each committed revision (and once at start) builds the latest snapshot and publishes
/// <see cref="ConfigRevisionPublished"/>, at most once per <see cref="ConfigDistributionOptions.CoalesceMs"/>: a change soon
/// after the last build waits out the window, and every change committed meanwhile goes out in that one build, so a burst
/// of changes produces a few snapshots (always ending with the latest revision), not one per change. A failure is retried.
/// </summary>
internal sealed partial class SnapshotPublisher(
    ConfigChangeSignal signal, PublishedSnapshotCache snapshots, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime,
    IOptions<ConfigDistributionOptions> options, TimeProvider time, ControlPlaneMetrics metrics, ILogger<SnapshotPublisher> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly TimeSpan _window = TimeSpan.FromMilliseconds(options.Value.CoalesceMs);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        long published = 0;
        long? lastBuild = null;
        signal.Notify();
        while (await signal.WaitAsync(stoppingToken))
        {
            if (lastBuild is { } last && time.GetElapsedTime(last) is var since && since < _window)
            {
                await Task.Delay(_window - since, time, stoppingToken);
            }

            signal.Consume();
            lastBuild = time.GetTimestamp();
            try
            {
                var snapshot = await snapshots.GetLatestAsync(stoppingToken);
                if (snapshot.Revision <= published)
                {
                    continue;
                }

                await using var scope = scopes.CreateAsyncScope();
                var publish = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
                await publish.Publish(new ConfigRevisionPublished(snapshot.Revision, snapshot.Hash), stoppingToken);
                published = snapshot.Revision;
                metrics.RevisionPublished();
                LogPublished(logger, snapshot.Revision, snapshot.Hash);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
                await Task.Delay(RetryDelay, time, stoppingToken);
                signal.Notify();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published config revision {Revision} ({Hash})")]
    private static partial void LogPublished(ILogger logger, long revision, string hash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Building or publishing the config snapshot failed; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
