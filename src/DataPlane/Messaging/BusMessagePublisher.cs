using MassTransit;

namespace Switchyard.DataPlane.Messaging;

/// <summary><see cref="IMessagePublisher"/> over the process's MassTransit bus.</summary>
public sealed class BusMessagePublisher(IBus bus) : IMessagePublisher
{
    public Task PublishAsync<T>(T message, CancellationToken cancellationToken)
        where T : class => bus.Publish(message, cancellationToken);
}
