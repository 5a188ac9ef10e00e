using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Routing;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Routing;

/// <summary>Runtime routes and health states for the routing policy tests.</summary>
internal static class RoutingTestRoutes
{
    public static RuntimeRoute Route(string strategy, params DeploymentSnapshot[] deployments) =>
        new(new RouteSnapshot(Guid.NewGuid(), Guid.NewGuid(), "model", strategy, deployments), [.. deployments.Select(d => new RuntimeDeployment(d, null))]);

    public static DeploymentSnapshot Deployment(int weight = 1, int priority = 0, decimal? input = null, decimal? output = null) =>
        new(Guid.NewGuid(), ProviderKinds.Mock, "m", null, null, weight, new Dictionary<string, string>(), Priority: priority, InputPricePerMTok: input, OutputPricePerMTok: output);

    public static DeploymentHealthState[] Health(RuntimeRoute route) =>
        [.. route.Deployments.Select(d => new DeploymentHealthState(d.Id, route.Snapshot.TenantId, route.Id))];

    public static int[] All(RuntimeRoute route) => [.. Enumerable.Range(0, route.Deployments.Count)];

    /// <summary>How often each deployment index was picked in <paramref name="count"/> picks.</summary>
    public static int[] Histogram(IRoutingPolicy policy, RuntimeRoute route, int[] candidates, DeploymentHealthState[] health, int count)
    {
        var hits = new int[route.Deployments.Count];
        for (var i = 0; i < count; i++)
        {
            hits[policy.Pick(route, candidates, health)]++;
        }

        return hits;
    }
}
