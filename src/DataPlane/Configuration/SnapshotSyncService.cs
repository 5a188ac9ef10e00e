using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Telemetry;

namespace Switchyard.DataPlane.Configuration;

/// <summary>
/// Boot: fetch from the control plane, else load last-known-good, retrying until a snapshot is held.
/// Then poll the revision endpoint: fetch when it moved (heals missed <c>ConfigRevisionPublished</c> events), confirm
/// the held snapshot as current when it did not, and log when the snapshot turns stale or fresh again.
/// </summary>
public sealed class SnapshotSyncService(
    SnapshotSynchronizer synchronizer,
    SnapshotFetcher fetcher,
    SnapshotStore store,
    SnapshotStaleness staleness,
    IOptions<SnapshotSyncOptions> options,
    TimeProvider time,
    ILogger<SnapshotSyncService> logger,
    IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    private bool _stale;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await HostStarted.WaitAsync(lifetime, stoppingToken);
        var poll = TimeSpan.FromSeconds(options.Value.RevisionPollSeconds);
        await BootAsync(poll, stoppingToken);
        LogStalenessChange();

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
                else
                {
                    synchronizer.ConfirmCurrent(revision.Revision);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                DataPlaneLog.RevisionPollFailed(logger, ex.GetType().Name, ex.Message);
            }

            LogStalenessChange();
        }
    }

    private void LogStalenessChange()
    {
        var stale = store.Current is not null && staleness.IsStale(store.ConfirmedAt);
        if (stale == _stale)
        {
            return;
        }

        _stale = stale;
        if (stale)
        {
            DataPlaneLog.SnapshotStale(logger, store.Revision, staleness.AgeOf(store.ConfirmedAt)?.TotalSeconds ?? double.PositiveInfinity,
                staleness.MaxAge!.Value.TotalSeconds, staleness.Refuses ? " and refusing gateway requests" : "");
        }
        else
        {
            DataPlaneLog.SnapshotFreshAgain(logger, store.Revision);
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
