using MassTransit;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Configuration;

/// <summary>
/// Per-node fanout consumer (temporary queue): a newer revision triggers fetch + apply + persist, and the
/// synchronizer reports <see cref="ConfigApplied"/>. Revisions already held are ignored (idempotent).
/// </summary>
public sealed class ConfigRevisionPublishedConsumer(SnapshotSynchronizer synchronizer, SnapshotStore store) : IConsumer<ConfigRevisionPublished>
{
    public async Task Consume(ConsumeContext<ConfigRevisionPublished> context)
    {
        if (context.Message.Revision <= store.Revision)
        {
            return;
        }

        await synchronizer.SyncAsync(context.Message.Revision, context.CancellationToken);
    }
}
