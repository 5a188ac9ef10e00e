using MassTransit;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Features.Routes;

/// <summary>
/// Keeps the latest health of each deployment on each node (<see cref="DeploymentNodeHealth"/>, one row per node and
/// deployment). Bounded: at most <see cref="DeploymentHealthReported.MaxDeployments"/> entries of a report are read; entries
/// naming a deployment that is not (or no longer) one of that route of that tenant, or an unknown breaker state, are ignored;
/// numbers are clamped to their ranges. A report older than what is stored for a row, or older than
/// <see cref="RouteHealth.StaleAfter"/> (a backlog after an outage), changes nothing; a report dated in the future counts as
/// received now.
/// </summary>
public sealed class DeploymentHealthReportedConsumer(ControlPlaneDbContext db, TimeProvider time) : IConsumer<DeploymentHealthReported>
{
    public async Task Consume(ConsumeContext<DeploymentHealthReported> context)
    {
        var message = context.Message;
        var now = time.GetUtcNow();
        var at = message.At.ToUniversalTime();
        at = at > now ? now : at;
        if (string.IsNullOrWhiteSpace(message.NodeId) || message.Deployments is null || at < now - RouteHealth.StaleAfter)
        {
            return;
        }

        var nodeId = Clamp(message.NodeId, DeploymentNodeHealth.NodeIdMaxLength);
        var reported = message.Deployments
            .Take(DeploymentHealthReported.MaxDeployments)
            .Where(d => d is not null && IsKnownState(d.BreakerState))
            .DistinctBy(d => d.DeploymentId)
            .ToList();
        if (reported.Count == 0)
        {
            return;
        }

        var ids = reported.Select(d => d.DeploymentId).ToList();
        var owners = await db.RouteDeployments.AsNoTracking()
            .Where(d => ids.Contains(d.Id))
            .Join(db.ModelRoutes.IgnoreQueryFilters().IgnoreAutoIncludes(), d => d.RouteId, r => r.Id, (d, r) => new { DeploymentId = d.Id, RouteId = r.Id, r.TenantId })
            .ToDictionaryAsync(o => o.DeploymentId, cancellationToken: context.CancellationToken);
        var known = reported.Where(d => owners.TryGetValue(d.DeploymentId, out var o) && o.RouteId == d.RouteId && o.TenantId == d.TenantId).ToList();
        if (known.Count == 0)
        {
            return;
        }

        var knownIds = known.Select(d => d.DeploymentId).ToList();
        var rows = await db.DeploymentNodeHealth.IgnoreQueryFilters()
            .Where(h => h.NodeId == nodeId && knownIds.Contains(h.DeploymentId))
            .ToDictionaryAsync(h => h.DeploymentId, context.CancellationToken);
        foreach (var health in known)
        {
            if (!rows.TryGetValue(health.DeploymentId, out var row))
            {
                row = new DeploymentNodeHealth { NodeId = nodeId, DeploymentId = health.DeploymentId };
                db.DeploymentNodeHealth.Add(row);
            }
            else if (row.ReportedAt > at)
            {
                continue;
            }

            row.RouteId = health.RouteId;
            row.TenantId = health.TenantId;
            row.BreakerState = health.BreakerState;
            row.CooldownUntil = health.CooldownUntil?.ToUniversalTime();
            row.LatencyMs = NonNegative(health.LatencyMs);
            row.InFlight = Math.Max(0, health.InFlight);
            row.ErrorRate = NonNegative(health.ErrorRate) is { } rate ? Math.Min(rate, 1) : null;
            row.Requests = Math.Max(0, health.Requests);
            row.ReportedAt = at;
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }

    private static bool IsKnownState(string? state) => state is BreakerStates.Closed or BreakerStates.Open or BreakerStates.HalfOpen;

    private static double? NonNegative(double? value) => value is { } v && double.IsFinite(v) ? Math.Max(0, v) : null;

    private static string Clamp(string text, int max) => text.Length > max ? text[..max] : text;
}
