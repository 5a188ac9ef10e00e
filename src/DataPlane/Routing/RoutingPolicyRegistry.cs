using System.Collections.Frozen;

namespace Switchyard.DataPlane.Routing;

/// <summary>The routing policies by name, resolved once.</summary>
public sealed class RoutingPolicyRegistry(IEnumerable<IRoutingPolicy> policies)
{
    private readonly FrozenDictionary<string, IRoutingPolicy> _byName =
        policies.ToFrozenDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Names => _byName.Keys;

    /// <summary>The policy a route names; routes without one use weighted.</summary>
    public IRoutingPolicy Get(string? name) =>
        _byName.TryGetValue(string.IsNullOrEmpty(name) ? WeightedRoutingPolicy.PolicyName : name, out var policy)
            ? policy
            : _byName[WeightedRoutingPolicy.PolicyName];
}
