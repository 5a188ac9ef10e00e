namespace Switchyard.Shared.Configuration;

/// <summary>
/// The routing strategies a route can name. Every node has a routing policy for each (it refuses to start otherwise), and
/// the control plane accepts exactly these names; adding a strategy means adding it here and its policy on the node.
/// </summary>
public static class RoutingStrategies
{
    /// <summary>Random pick in proportion to the deployments' weights; the default.</summary>
    public const string Weighted = "weighted";

    /// <summary>Deployments in ascending <c>priority</c>; a lower tier only when every deployment above is unavailable.</summary>
    public const string Priority = "priority";

    /// <summary>Lowest recent latency on this node (EWMA of time to first token for streams, of total time for bodies), with exploration.</summary>
    public const string Latency = "latency";

    /// <summary>Fewest requests in flight on this node.</summary>
    public const string LeastBusy = "least-busy";

    /// <summary>Cheapest deployment by its model's price.</summary>
    public const string Cost = "cost";

    public static readonly IReadOnlyList<string> All = [Weighted, Priority, Latency, LeastBusy, Cost];

    public static bool IsKnown(string? strategy) => strategy is not null && All.Contains(strategy, StringComparer.Ordinal);
}
