using Switchyard.DataPlane.Configuration;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Routing;

/// <summary>
/// The cheapest deployment by its price per million tokens (input plus output, from the deployment's
/// <c>inputPricePerMTok</c>/<c>outputPricePerMTok</c>); deployments without a price come after every priced one; ties
/// broken at random.
/// </summary>
public sealed class CostRoutingPolicy(RoutingRandom random) : IRoutingPolicy
{
    public string Name => RoutingStrategies.Cost;

    public int Pick(RuntimeRoute route, ReadOnlySpan<int> candidates, DeploymentHealthState[] health) =>
        candidates.Length == 1 ? candidates[0] : WeightedRoutingPolicy.PickLowest(candidates, route, static (r, i) => Price(r.Deployments[i].Snapshot), random);

    /// <summary>Input plus output price per million tokens; <see cref="double.MaxValue"/> when the deployment has none.</summary>
    internal static double Price(DeploymentSnapshot deployment) =>
        deployment.InputPricePerMTok is null && deployment.OutputPricePerMTok is null
            ? double.MaxValue
            : (double)((deployment.InputPricePerMTok ?? 0) + (deployment.OutputPricePerMTok ?? 0));
}
