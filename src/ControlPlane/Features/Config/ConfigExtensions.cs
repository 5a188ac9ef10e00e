using MassTransit;
using Switchyard.ControlPlane.Infrastructure.Startup;
using Switchyard.ServiceDefaults.Messaging;

namespace Switchyard.ControlPlane.Features.Config;

public static class ConfigExtensions
{
    /// <summary>
    /// Config distribution: the first revision at start, the snapshot builder and its cache, the publisher that announces
    /// each revision, and the consumers of the nodes' <c>ConfigApplied</c> and <c>NodeStatusReported</c> reports.
    /// </summary>
    public static WebApplicationBuilder AddConfigDistribution(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ConfigDistributionOptions>().BindConfiguration(ConfigDistributionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddStartupStep<FirstRevisionStep>();
        services.AddSingleton<SnapshotSecretSealer>();
        services.AddSingleton<SnapshotBuilder>();
        services.AddSingleton<PublishedSnapshotCache>();
        services.AddHostedService<SnapshotPublisher>();
        builder.AddMessagingParticipant(x =>
        {
            x.AddConsumer<ConfigAppliedConsumer, ConfigAppliedConsumerDefinition>();
            x.AddConsumer<NodeStatusReportedConsumer>();
        });
        return builder;
    }
}
