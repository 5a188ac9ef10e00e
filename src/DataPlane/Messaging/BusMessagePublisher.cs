using MassTransit;
using Microsoft.Extensions.Options;
using Switchyard.ServiceDefaults.Messaging;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Messaging;

/// <summary><see cref="IMessagePublisher"/> over the process's MassTransit bus.</summary>
public sealed class BusMessagePublisher(IBus bus, IOptions<MessagingOptions> options) : IMessagePublisher
{
    private static readonly RequestTimeout UsageTimeout = RequestTimeout.After(s: 30);
    private readonly bool _inMemory = options.Value.Transport != "RabbitMq";

    public Task PublishAsync<T>(T message, CancellationToken cancellationToken)
        where T : class => bus.Publish(message, cancellationToken);

    public async Task DeliverUsageAsync(UsageBatchReported batch, CancellationToken cancellationToken)
    {
        if (!_inMemory)
        {
            await bus.Publish(batch, cancellationToken);
            return;
        }

        var client = bus.CreateRequestClient<UsageBatchReported>(UsageTimeout);
        await client.GetResponse<UsageBatchAccepted>(batch, cancellationToken);
    }
}
