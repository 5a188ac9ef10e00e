using Switchyard.DataPlane.Configuration;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Routing;

/// <summary>Picks a deployment at random in proportion to its weight.</summary>
public sealed class WeightedRoutingPolicy : IRoutingPolicy
{
    public const string PolicyName = RoutingStrategies.Weighted;

    public string Name => PolicyName;

    public RuntimeDeployment Pick(RuntimeRoute route)
    {
        if (route.Deployments.Count == 1)
        {
            return route.Deployments[0];
        }

        var ticket = Random.Shared.Next(route.TotalWeight);
        var index = Array.BinarySearch(route.CumulativeWeights, ticket + 1);
        return route.Deployments[index >= 0 ? index : ~index];
    }
}
