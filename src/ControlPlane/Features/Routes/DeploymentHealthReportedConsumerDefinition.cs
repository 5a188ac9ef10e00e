using MassTransit;

namespace Switchyard.ControlPlane.Features.Routes;

/// <summary>
/// Durable shared queue (default name "deployment-health-reported"), competing consumers across control planes; retries a
/// report that lost an insert race with another control plane (the next report, seconds later, heals anything else).
/// </summary>
public sealed class DeploymentHealthReportedConsumerDefinition : ConsumerDefinition<DeploymentHealthReportedConsumer>
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<DeploymentHealthReportedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(50, 200, 1000));
    }
}
