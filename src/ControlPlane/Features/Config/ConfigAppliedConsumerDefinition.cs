using MassTransit;

namespace Switchyard.ControlPlane.Features.Config;

/// <summary>Retries a report that lost an insert race with another control plane.</summary>
public sealed class ConfigAppliedConsumerDefinition : ConsumerDefinition<ConfigAppliedConsumer>
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<ConfigAppliedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(50, 200, 1000));
    }
}
