using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.DataPlane.Audit;
using Switchyard.DataPlane.Messaging;
using Switchyard.DataPlane.Pipeline;
using Switchyard.ServiceDefaults.Health;

namespace Switchyard.DataPlane.Usage;

public static class UsageExtensions
{
    /// <summary>
    /// Usage accounting: one record per authenticated request, spooled to disk and published in batches. The publisher
    /// is registered first so it stops after the writer and can publish the final segment.
    /// </summary>
    public static IServiceCollection AddUsageSpool(this IServiceCollection services)
    {
        services.AddOptions<UsageSpoolOptions>().BindConfiguration(UsageSpoolOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UsageQueue>();
        services.AddSingleton<SpoolFileSystem>();
        services.AddSingleton<UsageSpoolHealth>();
        services.AddSwitchyardHealthChecks().AddCheck<UsageSpoolHealthCheck>("dataplane-usage-spool", tags: [HealthEndpointExtensions.ReadyTag]);
        services.AddOptions<AuditCaptureOptions>().BindConfiguration(AuditCaptureOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AuditSpoolCipher>();
        services.AddResponseListener<AuditRecorder>();
        services.AddResponseListener<UsageRecorder>();
        services.TryAddSingleton<IMessagePublisher, BusMessagePublisher>();
        services.AddHostedService<UsagePublisher>();
        services.AddHostedService<UsageSpoolWriter>();
        return services;
    }
}
