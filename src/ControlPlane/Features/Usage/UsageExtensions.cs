using Hangfire;
using MassTransit;
using Switchyard.ControlPlane.Infrastructure.Jobs;
using Switchyard.ServiceDefaults.Messaging;

namespace Switchyard.ControlPlane.Features.Usage;

public static class UsageExtensions
{
    /// <summary>
    /// Usage: its options, the consumers that ingest the nodes' batches (a bad record quarantined, a faulted batch
    /// dead-lettered, never lost), and the daily retention purge.
    /// </summary>
    public static WebApplicationBuilder AddUsage(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<UsageOptions>().BindConfiguration(UsageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRecurringJob<RetentionPurgeJob>(RetentionPurgeJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Daily(3));
        services.AddScoped<UsageIngestor>();
        services.AddScoped<UsageDeadLetterStore>();
        builder.AddMessagingParticipant(x =>
        {
            x.AddConsumer<UsageBatchReportedConsumer, UsageBatchReportedConsumerDefinition>();
            x.AddConsumer<UsageBatchFaultedConsumer, UsageBatchFaultedConsumerDefinition>();
        });
        return builder;
    }
}
