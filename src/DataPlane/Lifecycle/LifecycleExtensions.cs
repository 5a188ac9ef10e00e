using Microsoft.Extensions.Options;
using Switchyard.ServiceDefaults.Health;

namespace Switchyard.DataPlane.Lifecycle;

public static class LifecycleExtensions
{
    /// <summary>
    /// Graceful drain on SIGTERM: not ready at once, new gateway requests refused, accepted ones (streams included) given up
    /// to <c>DataPlane:DrainTimeoutSeconds</c>, then the usage spool flushed. Registered after the usage spool: hosts stop
    /// services in reverse order, so the drain runs first and the spool is closed and published while the bus still runs.
    /// </summary>
    public static IServiceCollection AddGracefulDrain(this IServiceCollection services)
    {
        services.AddOptions<DrainOptions>().BindConfiguration(DrainOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<NodeDrain>();
        services.AddHostedService<NodeDrainService>();
        services.AddHostedService<NodeStatusReporter>();
        services.AddSwitchyardHealthChecks().AddCheck<DrainReadinessCheck>("dataplane-drain", tags: [HealthEndpointExtensions.ReadyTag]);
        services.AddOptions<HostOptions>().Configure<IOptions<DrainOptions>>((host, node) =>
        {
            // Room for the drain, then for the spool to be flushed and published.
            var needed = TimeSpan.FromSeconds(node.Value.DrainTimeoutSeconds + 15);
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });
        return services;
    }
}
