using System.Collections.Concurrent;
using Switchyard.DataPlane.Messaging;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Tests.Infrastructure;

/// <summary>Records published messages; can be told to fail.</summary>
internal sealed class FakeMessagePublisher : IMessagePublisher
{
    public ConcurrentQueue<object> Published { get; } = new();

    public bool Fail { get; set; }

    /// <summary>Usage batches this matches are refused (e.g. a batch the control plane cannot store).</summary>
    public Func<UsageBatchReported, bool>? RefuseBatch { get; set; }

    public Task PublishAsync<T>(T message, CancellationToken cancellationToken)
        where T : class
    {
        if (Fail)
        {
            throw new InvalidOperationException("Broker unreachable.");
        }

        Published.Enqueue(message);
        return Task.CompletedTask;
    }

    public Task DeliverUsageAsync(UsageBatchReported batch, CancellationToken cancellationToken) =>
        RefuseBatch?.Invoke(batch) == true ? throw new InvalidOperationException("The batch faulted.") : PublishAsync(batch, cancellationToken);
}
