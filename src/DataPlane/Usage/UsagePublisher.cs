using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Messaging;
using Switchyard.DataPlane.Telemetry;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Usage;

/// <summary>
/// Publishes closed spool segments as <see cref="UsageBatchReported"/> batches and deletes a segment only after every
/// batch of it was delivered (broker confirm on RabbitMQ; the control plane's acknowledgement on the in-memory bus). Failures keep the file and retry with backoff; leftovers go out at start.
/// </summary>
public sealed class UsagePublisher(DataPaths paths, IMessagePublisher publisher, IOptions<DataPlaneOptions> options, TimeProvider time, ILogger<UsagePublisher> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly DataPlaneOptions _options = options.Value;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // Best effort: publish what the writer closed while stopping; anything left goes out at the next start.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await PublishPendingAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Kept on disk.
        }
    }

    /// <summary>Publishes every closed segment, oldest first; false when a publish failed (files kept).</summary>
    public async Task<bool> PublishPendingAsync(CancellationToken cancellationToken)
    {
        foreach (var segment in SpoolSegment.ListClosed(paths.SpoolDirectory))
        {
            var records = SpoolSegment.Read(segment, out var skipped);
            if (skipped > 0)
            {
                DataPlaneLog.SpoolLinesSkipped(logger, Path.GetFileName(segment), skipped);
            }

            try
            {
                for (int offset = 0, index = 0; offset < records.Count; offset += _options.Usage.MaxBatchSize, index++)
                {
                    var batch = records.GetRange(offset, Math.Min(_options.Usage.MaxBatchSize, records.Count - offset));
                    await publisher.DeliverUsageAsync(new UsageBatchReported(SpoolSegment.BatchId(segment, index), _options.NodeId, batch), cancellationToken);
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                DataPlaneLog.UsagePublishFailed(logger, Path.GetFileName(segment), ex.GetType().Name, ex.Message);
                return false;
            }

            File.Delete(segment);
            DataPlaneLog.UsagePublished(logger, Path.GetFileName(segment), records.Count);
        }

        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(_options.Usage.FlushIntervalMs);
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
}
