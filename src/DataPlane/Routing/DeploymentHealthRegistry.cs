using System.Collections.Concurrent;
using Switchyard.DataPlane.Configuration;

namespace Switchyard.DataPlane.Routing;

/// <summary>
/// The node's <see cref="DeploymentHealthState"/> per deployment id: created on first use, kept across snapshot swaps
/// (a deployment keeps its id while its route is edited), read lock-free.
/// </summary>
public sealed class DeploymentHealthRegistry
{
    private readonly ConcurrentDictionary<Guid, DeploymentHealthState> _byDeployment = new();
    private readonly ConcurrentDictionary<Guid, RetryBudget> _budgets = new();
    private readonly Func<RuntimeRoute, RouteRoutingState> _create;

    public DeploymentHealthRegistry() => _create = Create;

    /// <summary>How many deployments have state (every one served or checked since the node started).</summary>
    public int Count => _byDeployment.Count;

    public DeploymentHealthState For(RuntimeRoute route, RuntimeDeployment deployment) =>
        _byDeployment.TryGetValue(deployment.Id, out var state)
            ? state
            : _byDeployment.GetOrAdd(deployment.Id, static (id, route) => new DeploymentHealthState(id, route.Snapshot.TenantId, route.Id), route);

    /// <summary>The route's routing state for this snapshot, built once per route and snapshot.</summary>
    public RouteRoutingState ForRoute(RuntimeRoute route) => route.RoutingState(_create);

    /// <summary>The state of a deployment, or null when it was never used here.</summary>
    public DeploymentHealthState? Find(Guid deploymentId) => _byDeployment.GetValueOrDefault(deploymentId);

    private RouteRoutingState Create(RuntimeRoute route)
    {
        var health = new DeploymentHealthState[route.Deployments.Count];
        for (var i = 0; i < health.Length; i++)
        {
            health[i] = For(route, route.Deployments[i]);
        }

        return new RouteRoutingState(health, _budgets.GetOrAdd(route.Id, static _ => new RetryBudget()), route.Snapshot);
    }

    /// <summary>Every deployment's state (for reports; not for the request path).</summary>
    public IEnumerable<DeploymentHealthState> All => _byDeployment.Values;
}
