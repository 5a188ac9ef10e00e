using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Audit;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Messaging;
using Switchyard.DataPlane.Telemetry;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Usage;

/// <summary>
/// Publishes closed spool segments as <see cref="UsageBatchReported"/> batches and deletes a segment only after every
/// batch of it was delivered (broker confirm on RabbitMQ; the control plane's acknowledgement on the in-memory bus).
/// <para>
/// A failure keeps the file. Segments that never failed go first, oldest first; the first failure of such a segment
/// ends the pass and backs the loop off (1 s to 30 s: most likely the broker or the control plane is away). A segment
/// that failed before is retried after the fresh ones, on its own backoff (up to 5 min), so one segment that keeps
/// failing never holds up the others. Disk errors reading or deleting a segment are handled the same way.
/// </para>
/// <para>
/// Stopping: the segments closed after the node drained (see <see cref="UsageSpoolWriter.StoppingAsync"/>) are
/// published in <see cref="StoppingAsync"/>, while the bus still runs; anything left goes out at the next start.
/// </para>
/// </summary>
public sealed class UsagePublisher(
    DataPaths paths,
    IMessagePublisher publisher,
    IOptions<NodeOptions> node,
    IOptions<UsageSpoolOptions> options,
    TimeProvider time,
    ILogger<UsagePublisher> logger,
    SpoolFileSystem? files = null,
    AuditSpoolCipher? cipher = null)
    : BackgroundService, IHostedLifecycleService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxSegmentBackoff = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StopPublishTimeout = TimeSpan.FromSeconds(10);
    private readonly UsageSpoolOptions _options = options.Value;
    private readonly string _nodeId = node.Value.NodeId;
    private readonly SpoolFileSystem _files = files ?? new SpoolFileSystem();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, SegmentFailure> _failed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _published = new(StringComparer.Ordinal);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Publishes what the spool writer closed after the node drained (best effort, bounded).</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StopPublishTimeout);
        try
        {
            await PublishPendingAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Kept on disk: published at the next start.
        }
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// Publishes every closed segment that is due: those that never failed first, oldest first, then those that failed
    /// before. False when a segment failed that had not failed before (files are kept either way).
    /// </summary>
    public async Task<bool> PublishPendingAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            string[] segments;
            try
            {
                segments = SpoolSegment.ListClosed(paths.SpoolDirectory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                DataPlaneLog.UsagePublishFailed(logger, paths.SpoolDirectory, ex.GetType().Name, ex.Message);
                return false;
            }

            var present = segments.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in _failed.Keys.Where(k => !present.Contains(k)).ToList())
            {
                _failed.Remove(gone);
            }

            _published.IntersectWith(present!);
            var now = time.GetTimestamp();
            var fresh = segments.Where(s => !_failed.ContainsKey(Path.GetFileName(s)));
            var due = segments.Where(s => _failed.TryGetValue(Path.GetFileName(s), out var failure) && failure.NextAttempt <= now);
            foreach (var segment in fresh.Concat(due).ToList())
            {
                var name = Path.GetFileName(segment);
                if (!_published.Contains(name))
                {
                    try
                    {
                        await PublishAsync(segment, cancellationToken);
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        DataPlaneLog.UsagePublishFailed(logger, name, ex.GetType().Name, ex.Message);
                        return NoteFailure(name);
                    }

                    _published.Add(name);
                }

                _failed.Remove(name);
                Delete(segment, name);
            }

            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(_options.FlushIntervalMs);
        var backoff = TimeSpan.Zero;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var ok = await PublishPendingAsync(stoppingToken);
                backoff = ok ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(Math.Max(backoff.Ticks * 2, TimeSpan.TicksPerSecond), MaxBackoff.Ticks));
                await Task.Delay(ok ? interval : backoff, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task PublishAsync(string segment, CancellationToken cancellationToken)
    {
        var records = SpoolSegment.Read(segment, out var skipped, _files, cipher);
        if (skipped > 0)
        {
            DataPlaneLog.SpoolLinesSkipped(logger, Path.GetFileName(segment), skipped);
        }

        for (int offset = 0, index = 0; offset < records.Count; offset += _options.MaxBatchSize, index++)
        {
            var batch = records.GetRange(offset, Math.Min(_options.MaxBatchSize, records.Count - offset));
            await publisher.DeliverUsageAsync(new UsageBatchReported(SpoolSegment.BatchId(segment, index), _nodeId, batch), cancellationToken);
        }

        DataPlaneLog.UsagePublished(logger, Path.GetFileName(segment), records.Count);
    }

    /// <summary>A delivered segment that cannot be deleted (yet) is not sent again; deleting is retried every pass.</summary>
    private void Delete(string segment, string name)
    {
        try
        {
            _files.Delete(segment);
            _published.Remove(name);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            DataPlaneLog.SpoolDeleteFailed(logger, name, ex.GetType().Name, ex.Message);
        }
    }

    /// <summary>Notes a failed segment; true when it had failed before (so its failure does not back the loop off).</summary>
    private bool NoteFailure(string name)
    {
        var now = time.GetTimestamp();
        if (!_failed.TryGetValue(name, out var failure))
        {
            // Due again at the next pass, after the segments that never failed.
            _failed[name] = new SegmentFailure(1, now);
            return false;
        }

        var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failure.Count - 1), MaxSegmentBackoff.TotalSeconds));
        _failed[name] = new SegmentFailure(failure.Count + 1, now + (long)(delay.TotalSeconds * time.TimestampFrequency));
        return true;
    }

    private readonly record struct SegmentFailure(int Count, long NextAttempt);
}
