using MassTransit;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>Durable shared queue (default name "usage-batch-reported"), competing consumers across control planes, with retries.</summary>
public sealed class UsageBatchReportedConsumerDefinition : ConsumerDefinition<UsageBatchReportedConsumer>
{
    /// <summary>Pauses between attempts; the consumer dead-letters the batch on the attempt after the last pause.</summary>
    internal static readonly int[] RetryIntervalsMs = [100, 500, 2000, 5000];

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<UsageBatchReportedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(RetryIntervalsMs));
    }
}
