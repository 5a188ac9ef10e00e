using System.Collections.Frozen;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Routing;

/// <summary>
/// The routing policies by name, resolved once. Every strategy the control plane accepts (<see cref="RoutingStrategies.All"/>)
/// must have a policy: a node that lacks one refuses to start rather than drop routes it was meant to serve.
/// </summary>
public sealed class RoutingPolicyRegistry
{
    private readonly FrozenDictionary<string, IRoutingPolicy> _byName;

    public RoutingPolicyRegistry(IEnumerable<IRoutingPolicy> policies)
    {
        _byName = policies.ToFrozenDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var missing = RoutingStrategies.All.Where(s => !_byName.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"No routing policy is registered for the strategies: {string.Join(", ", missing)}.");
        }
    }

    public IReadOnlyCollection<string> Names => _byName.Keys;

    /// <summary>The policy a route names; routes without one use weighted.</summary>
    public IRoutingPolicy Get(string? name) =>
        _byName.TryGetValue(string.IsNullOrEmpty(name) ? WeightedRoutingPolicy.PolicyName : name, out var policy)
            ? policy
            : _byName[WeightedRoutingPolicy.PolicyName];
}
