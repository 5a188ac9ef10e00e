using MassTransit;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>Durable queue (default name "usage-batch-faulted") with a long retry: the database may be away for a while.</summary>
public sealed class UsageBatchFaultedConsumerDefinition : ConsumerDefinition<UsageBatchFaultedConsumer>
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<UsageBatchFaultedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Exponential(20, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(2)));
    }
}
