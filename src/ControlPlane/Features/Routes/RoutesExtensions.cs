using MassTransit;
using Switchyard.ControlPlane.Infrastructure.Jobs;
using Switchyard.ServiceDefaults.Messaging;

namespace Switchyard.ControlPlane.Features.Routes;

public static class RoutesExtensions
{
    /// <summary>Routes: the consumer of the nodes' deployment health reports and the hourly purge of rows of nodes gone.</summary>
    public static WebApplicationBuilder AddRoutes(this WebApplicationBuilder builder)
    {
        builder.Services.AddRecurringJob<DeploymentHealthPurgeJob>(DeploymentHealthPurgeJob.Id, j => j.RunAsync(CancellationToken.None), Hangfire.Cron.Hourly());
        builder.AddMessagingParticipant(x => x.AddConsumer<DeploymentHealthReportedConsumer, DeploymentHealthReportedConsumerDefinition>());
        return builder;
    }
}
