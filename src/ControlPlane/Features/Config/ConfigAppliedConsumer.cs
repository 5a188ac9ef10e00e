using MassTransit;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Features.Config;

/// <summary>Records the revision a node applied (or failed to). Older reports than the stored one are ignored.</summary>
public sealed class ConfigAppliedConsumer(ControlPlaneDbContext db) : IConsumer<ConfigApplied>
{
    public async Task Consume(ConsumeContext<ConfigApplied> context)
    {
        var message = context.Message;
        var at = message.At.ToUniversalTime();
        var node = await db.NodeStatuses.FirstOrDefaultAsync(n => n.NodeId == message.NodeId, context.CancellationToken);
        if (node is null)
        {
            node = new NodeStatus { NodeId = message.NodeId };
            db.NodeStatuses.Add(node);
        }
        else if (node.LastSeen > at)
        {
            return;
        }

        node.Revision = message.Revision;
        node.Succeeded = message.Succeeded;
        node.Error = message.Error is { Length: > 2000 } error ? error[..2000] : message.Error;
        node.LastSeen = at;
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
