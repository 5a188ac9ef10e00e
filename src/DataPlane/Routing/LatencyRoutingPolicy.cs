using Switchyard.DataPlane.Configuration;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Routing;

/// <summary>
/// The lowest recent latency on this node (EWMA of time to first token for streams, of total time for bodies). A
/// deployment without a measurement yet is tried first; and a small share of requests (<see cref="ExplorationRate"/>)
/// goes to a random candidate, so a deployment that was slow, or recovered from an outage, is measured again and noticed.
/// </summary>
public sealed class LatencyRoutingPolicy(RoutingRandom random) : IRoutingPolicy
{
    /// <summary>The share of requests sent to a random candidate instead of the fastest.</summary>
    public const double ExplorationRate = 0.05;

    public string Name => RoutingStrategies.Latency;

    public int Pick(RuntimeRoute route, ReadOnlySpan<int> candidates, DeploymentHealthState[] health)
    {
        if (candidates.Length == 1)
        {
            return candidates[0];
        }

        if (random.NextDouble() < ExplorationRate)
        {
            return candidates[random.Next(candidates.Length)];
        }

        return WeightedRoutingPolicy.PickLowest(candidates, health, static (h, i) => h[i].LatencyMs, random);
    }
}
