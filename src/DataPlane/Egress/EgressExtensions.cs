using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Configuration;
using Switchyard.ServiceDefaults.Egress;
using Switchyard.Shared.Egress;

namespace Switchyard.DataPlane.Egress;

public static class EgressExtensions
{
    /// <summary>
    /// Upstream connections only to destinations the egress policy allows: the node's <c>Egress</c> settings plus the
    /// platform's allow-list in the live snapshot, checked on the resolved address when a connection opens. The snapshot
    /// fetcher has its own client, outside the policy.
    /// </summary>
    public static IServiceCollection AddEgressPolicy(this IServiceCollection services)
    {
        services.AddSwitchyardEgressOptions();

        // The store is looked up on first use: it depends (through the providers) on the upstream client, which needs the guard.
        services.AddSingleton(sp =>
        {
            SnapshotStore? store = null;
            return new EgressGuard(
                sp.GetRequiredService<IOptions<EgressOptions>>().Value.ToAllowList(),
                () => (store ??= sp.GetRequiredService<SnapshotStore>()).Current?.Egress ?? EgressAllowList.Empty,
                sp.GetRequiredService<ILogger<EgressGuard>>());
        });
        return services;
    }
}
