using Switchyard.DataPlane.Configuration;

namespace Switchyard.DataPlane.Routing;

/// <summary>A named strategy that picks the deployment serving one request of a route.</summary>
public interface IRoutingPolicy
{
    string Name { get; }

    /// <summary>
    /// Picks one of <paramref name="candidates"/> (indexes into <see cref="RuntimeRoute.Deployments"/>, at least one; each
    /// available and not yet tried by this request, in ascending order). Returns the chosen index (an element of
    /// <paramref name="candidates"/>).
    /// </summary>
    /// <param name="health">The deployments' health on this node, aligned with <see cref="RuntimeRoute.Deployments"/>.</param>
    int Pick(RuntimeRoute route, ReadOnlySpan<int> candidates, DeploymentHealthState[] health);
}
