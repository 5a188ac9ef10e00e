using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Costs;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Routing;

/// <summary>
/// The cheapest deployment by its price per million tokens (input plus output) — the effective price the control plane
/// resolved into the snapshot (<see cref="DeploymentSnapshot.Price"/>: the deployment's own price, else the tenant's override,
/// else the pricing catalog's), the same price the usage records are billed at; in a snapshot from before prices were resolved,
/// the deployment's <c>inputPricePerMTok</c>/<c>outputPricePerMTok</c>. Deployments without a price come after every priced
/// one; ties broken at random.
/// </summary>
public sealed class CostRoutingPolicy(RoutingRandom random) : IRoutingPolicy
{
    public string Name => RoutingStrategies.Cost;

    public int Pick(RuntimeRoute route, ReadOnlySpan<int> candidates, DeploymentHealthState[] health) =>
        candidates.Length == 1 ? candidates[0] : WeightedRoutingPolicy.PickLowest(candidates, route, static (r, i) => Price(r.Deployments[i].Snapshot), random);

    /// <summary>Input plus output price per million tokens; <see cref="double.MaxValue"/> when the deployment has none.</summary>
    internal static double Price(DeploymentSnapshot deployment) =>
        deployment.Price is { } price
            ? CostCalculator.RoutingPrice(price)
            : deployment.InputPricePerMTok is null && deployment.OutputPricePerMTok is null
                ? double.MaxValue
                : (double)((deployment.InputPricePerMTok ?? 0) + (deployment.OutputPricePerMTok ?? 0));
}
