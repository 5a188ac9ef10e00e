using Microsoft.Extensions.Options;
using Switchyard.ServiceDefaults.Health;
using Switchyard.Shared.Keys;

namespace Switchyard.DataPlane.Configuration;

public static class SnapshotSyncExtensions
{
    /// <summary>
    /// The node's config snapshot: fetched from the control plane, validated, swapped in atomically, kept on disk as
    /// last-known-good, refreshed on every revision event and by a periodic check; readiness follows it. The host
    /// registers the <see cref="SnapshotCompiler"/>, which needs to know every provider kind and strategy the node serves.
    /// </summary>
    public static IServiceCollection AddSnapshotSync(this IServiceCollection services)
    {
        services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SnapshotSyncOptions>().BindConfiguration(SnapshotSyncOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DataPaths>();
        services.AddSingleton<SnapshotStaleness>();
        services.AddSingleton(sp => new SecretSealer(sp.GetRequiredService<IOptions<SnapshotSyncOptions>>().Value.NodeSecret));
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton<LastKnownGoodStore>();
        services.AddHttpClient<SnapshotFetcher>();
        services.AddSingleton<SnapshotSynchronizer>();
        services.AddHostedService<SnapshotSyncService>();
        services.AddSwitchyardHealthChecks().AddCheck<SnapshotReadinessCheck>("dataplane-snapshot", tags: [HealthEndpointExtensions.ReadyTag]);
        return services;
    }
}
