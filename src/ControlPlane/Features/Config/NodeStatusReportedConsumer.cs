using MassTransit;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Features.Config;

/// <summary>
/// Keeps each node's latest self-report (snapshot confirmation, usage spool, readiness, requests in flight) on its
/// <see cref="NodeStatus"/>. A report older than the stored one changes nothing; one dated in the future counts as received
/// now. The revision columns stay <see cref="ConfigAppliedConsumer"/>'s (a node seen only through these reports gets its
/// row with the revision it reports).
/// </summary>
public sealed class NodeStatusReportedConsumer(ControlPlaneDbContext db, TimeProvider time) : IConsumer<NodeStatusReported>
{
    private const int NodeIdMaxLength = 200;

    public async Task Consume(ConsumeContext<NodeStatusReported> context)
    {
        var message = context.Message;
        if (string.IsNullOrWhiteSpace(message.NodeId) || message.NodeId.Length > NodeIdMaxLength)
        {
            return;
        }

        var now = time.GetUtcNow();
        var at = message.At.ToUniversalTime();
        at = at > now ? now : at;
        var node = await db.NodeStatuses.FirstOrDefaultAsync(n => n.NodeId == message.NodeId, context.CancellationToken);
        if (node is null)
        {
            // LastSeen stays the applied-revision reports' own clock (ConfigAppliedConsumer ignores reports older than it)
            node = new NodeStatus { NodeId = message.NodeId, Revision = message.Revision, Succeeded = true, LastSeen = DateTimeOffset.UnixEpoch };
            db.NodeStatuses.Add(node);
        }
        else if (node.StatusReportedAt > at)
        {
            return;
        }

        node.StatusReportedAt = at;
        node.SnapshotConfirmedAt = message.SnapshotConfirmedAt?.ToUniversalTime();
        node.SpoolSegments = Math.Max(0, message.SpoolSegments);
        node.SpoolAgeSeconds = message.SpoolAgeSeconds is { } age ? Math.Max(0, age) : null;
        node.Ready = message.Ready;
        node.InFlight = Math.Max(0, message.InFlight);
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
