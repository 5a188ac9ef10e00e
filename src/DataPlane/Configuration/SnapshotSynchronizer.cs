using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Messaging;
using Switchyard.DataPlane.Telemetry;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Configuration;

/// <summary>
/// Fetch → validate/apply → persist → report (with the items left out), single-flight: concurrent triggers (event, poll, boot) never race;
/// a trigger for a revision already held is a no-op. Every answer of the control plane that shows the held revision is
/// current confirms it (<see cref="SnapshotStore.Confirm"/>, and the last-known-good file's time when it holds that revision).
/// </summary>
public sealed class SnapshotSynchronizer(
    SnapshotStore store,
    SnapshotFetcher fetcher,
    LastKnownGoodStore lastKnownGood,
    IMessagePublisher publisher,
    IOptions<NodeOptions> options,
    TimeProvider time,
    ILogger<SnapshotSynchronizer> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _savedRevision = -1;

    /// <summary>Fetches and applies the control plane's snapshot unless <paramref name="targetRevision"/> is already held.</summary>
    /// <returns>The outcome, or null when nothing needed doing.</returns>
    public async Task<SnapshotApplyResult?> SyncAsync(long? targetRevision, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (targetRevision is { } target && target <= store.Revision)
            {
                return null;
            }

            SnapshotApplyResult result;
            byte[]? json = null;
            try
            {
                var fetched = await fetcher.GetSnapshotAsync(cancellationToken);
                json = fetched.Json;
                result = store.Apply(fetched.Snapshot);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or InvalidOperationException
                                       && !cancellationToken.IsCancellationRequested)
            {
                DataPlaneLog.SnapshotFetchFailed(logger, ex.GetType().Name, ex.Message);
                result = new SnapshotApplyResult(SnapshotApplyStatus.Invalid, targetRevision ?? 0, "Fetching the snapshot failed: " + ex.Message);
                if (targetRevision is not null)
                {
                    await ReportAsync(result, cancellationToken);
                }

                return result;
            }

            switch (result.Status)
            {
                case SnapshotApplyStatus.Applied:
                    DataPlaneLog.SnapshotApplied(logger, result.Revision);
                    LogLeftOut(result);
                    await SaveAsync(result.Revision, json!, cancellationToken);
                    ConfirmCurrent(result.Revision);
                    break;
                case SnapshotApplyStatus.Invalid:
                    DataPlaneLog.SnapshotRejected(logger, result.Revision, result.Error ?? "");
                    break;
                default:
                    ConfirmCurrent(result.Revision);
                    return result;
            }

            await ReportAsync(result, cancellationToken);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Applies the snapshot stored on disk; true when the node now holds a snapshot.</summary>
    public async Task<bool> LoadLastKnownGoodAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var snapshot = await lastKnownGood.LoadAsync(cancellationToken);
            if (snapshot is null)
            {
                return store.Current is not null;
            }

            var result = store.Apply(snapshot);
            if (result.Applied)
            {
                DataPlaneLog.LastKnownGoodLoaded(logger, result.Revision);
                LogLeftOut(result);
                Interlocked.Exchange(ref _savedRevision, result.Revision);
                store.Confirm(result.Revision, lastKnownGood.LastConfirmed() ?? DateTimeOffset.MinValue);
            }
            else if (result.Status == SnapshotApplyStatus.Invalid)
            {
                DataPlaneLog.SnapshotRejected(logger, result.Revision, result.Error ?? "");
            }

            return store.Current is not null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            DataPlaneLog.LastKnownGoodUnreadable(logger, ex.GetType().Name, ex.Message);
            return store.Current is not null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The control plane answered that <paramref name="revision"/> is its current one: when the node holds it, the
    /// snapshot is confirmed fresh now (and so is the last-known-good file, when it holds the same revision).
    /// </summary>
    public void ConfirmCurrent(long revision)
    {
        if (store.Revision != revision)
        {
            return;
        }

        var now = time.GetUtcNow();
        store.Confirm(revision, now);
        if (Interlocked.Read(ref _savedRevision) == revision)
        {
            try
            {
                lastKnownGood.MarkConfirmed(now);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                DataPlaneLog.LastKnownGoodWriteFailed(logger, ex.GetType().Name, ex.Message);
            }
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task SaveAsync(long revision, byte[] json, CancellationToken cancellationToken)
    {
        try
        {
            await lastKnownGood.SaveAsync(json, cancellationToken);
            Interlocked.Exchange(ref _savedRevision, revision);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            DataPlaneLog.LastKnownGoodWriteFailed(logger, ex.GetType().Name, ex.Message);
        }
    }

    private void LogLeftOut(SnapshotApplyResult result)
    {
        if (result.Rejected.Count == 0)
        {
            return;
        }

        SnapshotLog.ItemsLeftOut(logger, result.Revision, result.Rejected.Count);
        foreach (var item in result.Rejected.Take(SnapshotLog.MaxLoggedItems))
        {
            SnapshotLog.ItemLeftOut(logger, result.Revision, item.Kind, item.Id, item.TenantId, item.Reason);
        }
    }

    private async Task ReportAsync(SnapshotApplyResult result, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var rejected = result.Rejected.Count == 0 ? null : result.Rejected.Take(ConfigApplied.MaxRejected).ToArray();
        var message = new ConfigApplied(options.Value.NodeId, result.Revision, result.Applied, result.Error, time.GetUtcNow(), rejected);
        try
        {
            await publisher.PublishAsync(message, timeout.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            DataPlaneLog.ConfigAppliedPublishFailed(logger, result.Revision, ex.GetType().Name);
        }
    }
}
