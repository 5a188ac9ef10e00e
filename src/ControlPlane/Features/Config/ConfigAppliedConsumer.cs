using MassTransit;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Telemetry;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Features.Config;

/// <summary>
/// Records the revision a node applied (or failed to) and replaces the items it reported leaving out. Older reports
/// than the stored one are ignored.
/// </summary>
public sealed class ConfigAppliedConsumer(ControlPlaneDbContext db, ControlPlaneMetrics metrics) : IConsumer<ConfigApplied>
{
    public async Task Consume(ConsumeContext<ConfigApplied> context)
    {
        var message = context.Message;
        var at = message.At.ToUniversalTime();
        var node = await db.NodeStatuses.Include(n => n.Rejected).FirstOrDefaultAsync(n => n.NodeId == message.NodeId, context.CancellationToken);
        if (node is null)
        {
            node = new NodeStatus { NodeId = message.NodeId };
            db.NodeStatuses.Add(node);
        }
        else if (node.LastSeen > at)
        {
            return;
        }

        if (message.Succeeded && message.Revision != node.Revision)
        {
            await RecordApplyDelayAsync(message, at, context.CancellationToken);
        }
        else if (!message.Succeeded)
        {
            metrics.RevisionApplyFailed(message.NodeId);
        }

        node.Revision = message.Revision;
        node.Succeeded = message.Succeeded;
        node.Error = Truncate(message.Error, NodeStatus.ErrorMaxLength);
        node.LastSeen = at;
        if (message.Succeeded)
        {
            // A failed report (snapshot rejected whole, fetch failed) changes nothing the node serves: keep what it left out.
            node.Rejected.Clear();
            node.Rejected.AddRange((message.Rejected ?? [])
                .Where(r => r.Kind.Length <= NodeRejectedItem.KindMaxLength)
                .DistinctBy(r => (r.Kind, r.Id))
                .Take(ConfigApplied.MaxRejected)
                .Select(r => new NodeRejectedItem
                {
                    NodeId = node.NodeId, Kind = r.Kind, ItemId = r.Id, TenantId = r.TenantId,
                    Reason = Truncate(r.Reason, NodeRejectedItem.ReasonMaxLength)!,
                }));
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }

    /// <summary>Publish-to-apply time: from the revision's creation to the first report that the node serves it.</summary>
    private async Task RecordApplyDelayAsync(ConfigApplied message, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var createdAt = await db.ConfigRevisions.AsNoTracking().Where(r => r.Revision == message.Revision)
            .Select(r => (DateTimeOffset?)r.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (createdAt is { } created)
        {
            metrics.RevisionApplied(message.NodeId, created, at);
        }
    }

    private static string? Truncate(string? text, int max) => text is { } t && t.Length > max ? t[..max] : text;
}
