namespace Switchyard.DataPlane.Messaging;

/// <summary>Publishes integration events. A completed call means the transport accepted (and, on RabbitMQ, confirmed) it.</summary>
public interface IMessagePublisher
{
    Task PublishAsync<T>(T message, CancellationToken cancellationToken)
        where T : class;
}
