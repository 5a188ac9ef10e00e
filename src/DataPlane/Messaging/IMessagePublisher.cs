using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Messaging;

/// <summary>Publishes integration events.</summary>
public interface IMessagePublisher
{
    /// <summary>A completed call means the transport accepted (and, on RabbitMQ, confirmed) the message.</summary>
    Task PublishAsync<T>(T message, CancellationToken cancellationToken)
        where T : class;

    /// <summary>
    /// Hands a usage batch over for good: on RabbitMQ when the broker confirmed it (durable queue); on the in-memory bus
    /// only when the control plane answered that it stored the batch, because that bus loses what it holds on stop.
    /// </summary>
    Task DeliverUsageAsync(UsageBatchReported batch, CancellationToken cancellationToken);
}
