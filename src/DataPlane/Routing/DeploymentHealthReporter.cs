using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Messaging;
using Switchyard.DataPlane.Telemetry;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Routing;

/// <summary>
/// Publishes <see cref="DeploymentHealthReported"/> every <see cref="RoutingOptions.HealthReportSeconds"/>: the health of
/// every deployment this node served or checked since it started (at most <see cref="DeploymentHealthReported.MaxDeployments"/>,
/// the most recently seen first). A failed publish is logged and the next tick reports again.
/// </summary>
public sealed class DeploymentHealthReporter(
    DeploymentHealthRegistry registry,
    IMessagePublisher publisher,
    IOptions<RoutingOptions> options,
    IOptions<NodeOptions> node,
    TimeProvider time,
    ILogger<DeploymentHealthReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.HealthReportSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (Build() is not { } report)
            {
                continue;
            }

            try
            {
                await publisher.PublishAsync(report, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                DataPlaneLog.HealthReportFailed(logger, ex.GetType().Name);
            }
        }
    }

    /// <summary>The report of the deployments seen since the node started, or null when there are none.</summary>
    public DeploymentHealthReported? Build()
    {
        var now = time.GetUtcNow();
        var nowTicks = now.UtcTicks;
        var seen = registry.All.Where(h => h.LastSeenTicks > 0).OrderByDescending(h => h.LastSeenTicks).Take(DeploymentHealthReported.MaxDeployments).ToList();
        if (seen.Count == 0)
        {
            return null;
        }

        var deployments = new List<DeploymentHealth>(seen.Count);
        foreach (var health in seen)
        {
            var (errorRate, requests) = health.Window(nowTicks, health.LastSettings);
            var cooldown = health.CooldownUntilTicks(nowTicks);
            var latency = health.LatencyMs;
            deployments.Add(new DeploymentHealth(
                health.TenantId,
                health.RouteId,
                health.DeploymentId,
                health.BreakerState,
                cooldown == 0 ? null : new DateTimeOffset(cooldown, TimeSpan.Zero),
                latency > 0 ? Math.Round(latency, 1) : null,
                health.InFlight,
                errorRate,
                requests));
        }

        return new DeploymentHealthReported(node.Value.NodeId, now, deployments);
    }
}
