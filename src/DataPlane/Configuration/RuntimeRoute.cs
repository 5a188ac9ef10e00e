using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Configuration;

/// <summary>
/// A route with its deployments and the cumulative weights a policy picks from; or, when the node could not accept the
/// route (see <see cref="SnapshotCompiler"/>), an unavailable route with no deployments and the reason.
/// </summary>
public sealed class RuntimeRoute
{
    private object? _routingState;

    /// <param name="unavailableReason">Why the route cannot be served (then <paramref name="deployments"/> is empty); null when it can.</param>
    public RuntimeRoute(RouteSnapshot snapshot, RuntimeDeployment[] deployments, string? unavailableReason = null)
    {
        if ((unavailableReason is null) == (deployments.Length == 0))
        {
            throw new ArgumentException("A route has deployments exactly when it is available.", nameof(deployments));
        }

        Snapshot = snapshot;
        Deployments = deployments;
        UnavailableReason = unavailableReason;
        CumulativeWeights = new int[deployments.Length];
        var total = 0;
        for (var i = 0; i < deployments.Length; i++)
        {
            total = checked(total + deployments[i].Snapshot.Weight);
            CumulativeWeights[i] = total;
        }

        TotalWeight = total;
    }

    public RouteSnapshot Snapshot { get; }

    public Guid Id => Snapshot.Id;

    public string PublicModel => Snapshot.PublicModel;

    public IReadOnlyList<RuntimeDeployment> Deployments { get; }

    /// <summary>
    /// Set when the node could not accept this route (an invalid field, or every deployment left out): its model answers
    /// 503 <c>route_unavailable</c> with this reason instead of being routed. Null for a route that can be served.
    /// </summary>
    public string? UnavailableReason { get; }

    /// <summary>
    /// Every deployment was left out because the platform has not approved its upstream model (or region): the model
    /// answers 403 <c>model_not_approved</c> with <see cref="UnavailableReason"/> instead of 503.
    /// </summary>
    public bool NotApproved { get; init; }

    /// <summary>Running sum of deployment weights, aligned with <see cref="Deployments"/>.</summary>
    public int[] CumulativeWeights { get; }

    public int TotalWeight { get; }

    /// <summary>
    /// The routing stage's per-route view (the deployments' health states, aligned with <see cref="Deployments"/>), built
    /// on first use and kept for the snapshot's lifetime.
    /// </summary>
    public T RoutingState<T>(Func<RuntimeRoute, T> create)
        where T : class
        => SnapshotSlot.GetOrCreate(ref _routingState, this, create);
}
