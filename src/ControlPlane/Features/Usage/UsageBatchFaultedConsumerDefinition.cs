using MassTransit;
using Microsoft.Extensions.Options;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>
/// Durable queue (default name "usage-batch-faulted") with a long retry: the database may be away for a while
/// (pauses up to <see cref="UsageOptions.FaultRetryMaxSeconds"/>).
/// </summary>
public sealed class UsageBatchFaultedConsumerDefinition(IOptions<UsageOptions> options) : ConsumerDefinition<UsageBatchFaultedConsumer>
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<UsageBatchFaultedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Exponential(20, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(options.Value.FaultRetryMaxSeconds), TimeSpan.FromSeconds(2)));
    }
}
