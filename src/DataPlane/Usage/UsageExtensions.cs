using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.DataPlane.Messaging;
using Switchyard.DataPlane.Pipeline;

namespace Switchyard.DataPlane.Usage;

public static class UsageExtensions
{
    /// <summary>
    /// Usage accounting: one record per authenticated request, spooled to disk and published in batches. The publisher
    /// is registered first so it stops after the writer and can publish the final segment.
    /// </summary>
    public static IServiceCollection AddUsageSpool(this IServiceCollection services)
    {
        services.AddSingleton<UsageQueue>();
        services.AddResponseListener<UsageRecorder>();
        services.TryAddSingleton<IMessagePublisher, BusMessagePublisher>();
        services.AddHostedService<UsagePublisher>();
        services.AddHostedService<UsageSpoolWriter>();
        return services;
    }
}
