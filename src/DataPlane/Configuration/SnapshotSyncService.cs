using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Telemetry;

namespace Switchyard.DataPlane.Configuration;

/// <summary>
/// Boot: fetch from the control plane, else load last-known-good, retrying until a snapshot is held.
/// Then poll the revision endpoint and fetch when it moved (heals missed <c>ConfigRevisionPublished</c> events).
/// </summary>
public sealed class SnapshotSyncService(
    SnapshotSynchronizer synchronizer,
    SnapshotFetcher fetcher,
    SnapshotStore store,
    IOptions<DataPlaneOptions> options,
    TimeProvider time,
    ILogger<SnapshotSyncService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.RevisionPollSeconds);
        await BootAsync(poll, stoppingToken);

        using var timer = new PeriodicTimer(poll, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var revision = await fetcher.GetRevisionAsync(stoppingToken);
                if (revision.Revision > store.Revision)
                {
                    await synchronizer.SyncAsync(revision.Revision, stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                DataPlaneLog.RevisionPollFailed(logger, ex.GetType().Name, ex.Message);
            }
        }
    }

    private async Task BootAsync(TimeSpan poll, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        var triedLastKnownGood = false;
        while (store.Current is null)
        {
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                attempt.CancelAfter(TimeSpan.FromSeconds(5));
                try
                {
                    await synchronizer.SyncAsync(null, attempt.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    DataPlaneLog.SnapshotFetchFailed(logger, nameof(TimeoutException), "The control plane did not answer in time.");
                }
            }

            if (store.Current is null && !triedLastKnownGood)
            {
                triedLastKnownGood = true;
                await synchronizer.LoadLastKnownGoodAsync(stoppingToken);
            }

            if (store.Current is null)
            {
                DataPlaneLog.WaitingForSnapshot(logger, delay.TotalMilliseconds);
                await Task.Delay(delay, time, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, poll.Ticks));
            }
        }
    }
}
