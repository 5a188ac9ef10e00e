using Switchyard.DataPlane.Configuration;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Routing;

/// <summary>Picks a deployment at random in proportion to its weight (among the candidates).</summary>
public sealed class WeightedRoutingPolicy(RoutingRandom random) : IRoutingPolicy
{
    public const string PolicyName = RoutingStrategies.Weighted;

    public string Name => PolicyName;

    public int Pick(RuntimeRoute route, ReadOnlySpan<int> candidates, DeploymentHealthState[] health) =>
        PickWeighted(route, candidates, random);

    /// <summary>A weighted random pick among <paramref name="candidates"/>; uniform when their weights sum to 0.</summary>
    internal static int PickWeighted(RuntimeRoute route, ReadOnlySpan<int> candidates, RoutingRandom random)
    {
        if (candidates.Length == 1)
        {
            return candidates[0];
        }

        var deployments = route.Deployments;
        long total = 0;
        foreach (var index in candidates)
        {
            total += Math.Max(0, deployments[index].Snapshot.Weight);
        }

        if (total == 0)
        {
            return candidates[random.Next(candidates.Length)];
        }

        var ticket = (long)(random.NextDouble() * total);
        foreach (var index in candidates)
        {
            ticket -= Math.Max(0, deployments[index].Snapshot.Weight);
            if (ticket < 0)
            {
                return index;
            }
        }

        return candidates[^1];
    }

    /// <summary>
    /// Among <paramref name="candidates"/>, the one with the lowest <paramref name="score"/>; ties broken uniformly at random
    /// (reservoir sampling, so no allocation).
    /// </summary>
    internal static int PickLowest<TState>(ReadOnlySpan<int> candidates, TState state, Func<TState, int, double> score, RoutingRandom random)
    {
        var best = candidates[0];
        var bestScore = score(state, best);
        var ties = 1;
        for (var i = 1; i < candidates.Length; i++)
        {
            var index = candidates[i];
            var value = score(state, index);
            if (value < bestScore)
            {
                best = index;
                bestScore = value;
                ties = 1;
            }
            else if (value == bestScore && random.Next(++ties) == 0)
            {
                best = index;
            }
        }

        return best;
    }
}
