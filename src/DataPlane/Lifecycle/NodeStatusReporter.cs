using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Messaging;
using Switchyard.DataPlane.Routing;
using Switchyard.DataPlane.Telemetry;
using Switchyard.DataPlane.Usage;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Lifecycle;

/// <summary>
/// Publishes <see cref="NodeStatusReported"/> every <see cref="RoutingOptions.HealthReportSeconds"/>: the revision the node
/// serves and when the control plane last confirmed it, the undelivered usage spool, readiness and requests in flight (the
/// platform admin's Nodes page). A failed publish is logged and the next tick reports again.
/// </summary>
public sealed class NodeStatusReporter(
    SnapshotStore snapshots,
    NodeDrain drain,
    DataPaths paths,
    IMessagePublisher publisher,
    IOptions<RoutingOptions> options,
    IOptions<NodeOptions> node,
    TimeProvider time,
    ILogger<NodeStatusReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.HealthReportSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await publisher.PublishAsync(Build(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                DataPlaneLog.NodeStatusReportFailed(logger, ex.GetType().Name);
            }
        }
    }

    /// <summary>The node's state now.</summary>
    public NodeStatusReported Build()
    {
        var (segments, oldest) = SpoolBacklog.Read(paths, time);
        var ready = !drain.IsDraining && snapshots.TryGetUsable(out _) is not null;
        return new NodeStatusReported(node.Value.NodeId, time.GetUtcNow(), snapshots.Revision, snapshots.ConfirmedAt, segments,
            oldest is { } age ? Math.Round(age.TotalSeconds, 1) : null, ready, drain.InFlight);
    }
}
