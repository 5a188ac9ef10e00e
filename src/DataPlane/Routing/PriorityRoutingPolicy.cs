using Switchyard.DataPlane.Configuration;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Routing;

/// <summary>
/// Deployments in ascending <c>priority</c>: the candidates of the first tier that has any (weighted within the tier), so a
/// lower tier serves only while every deployment above is unavailable or already tried.
/// </summary>
public sealed class PriorityRoutingPolicy(RoutingRandom random) : IRoutingPolicy
{
    public string Name => RoutingStrategies.Priority;

    public int Pick(RuntimeRoute route, ReadOnlySpan<int> candidates, DeploymentHealthState[] health)
    {
        Span<int> tier = stackalloc int[candidates.Length];
        return WeightedRoutingPolicy.PickWeighted(route, TopTier(route, candidates, tier), random);
    }

    /// <summary>The candidates sharing the lowest priority, copied into <paramref name="buffer"/>.</summary>
    internal static ReadOnlySpan<int> TopTier(RuntimeRoute route, ReadOnlySpan<int> candidates, Span<int> buffer)
    {
        var deployments = route.Deployments;
        var lowest = int.MaxValue;
        foreach (var index in candidates)
        {
            lowest = Math.Min(lowest, deployments[index].Snapshot.Priority);
        }

        var count = 0;
        foreach (var index in candidates)
        {
            if (deployments[index].Snapshot.Priority == lowest)
            {
                buffer[count++] = index;
            }
        }

        return buffer[..count];
    }
}
