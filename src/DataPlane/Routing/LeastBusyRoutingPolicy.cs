using Switchyard.DataPlane.Configuration;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Routing;

/// <summary>The fewest requests in flight on this node; ties broken at random.</summary>
public sealed class LeastBusyRoutingPolicy(RoutingRandom random) : IRoutingPolicy
{
    public string Name => RoutingStrategies.LeastBusy;

    public int Pick(RuntimeRoute route, ReadOnlySpan<int> candidates, DeploymentHealthState[] health) =>
        candidates.Length == 1 ? candidates[0] : WeightedRoutingPolicy.PickLowest(candidates, health, static (h, i) => h[i].InFlight, random);
}
