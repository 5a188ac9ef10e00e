namespace Switchyard.Shared.Configuration;

/// <summary>
/// The routing strategies a route can name. Every node has a routing policy for each (it refuses to start otherwise), and
/// the control plane accepts exactly these names; adding a strategy means adding it here and its policy on the node.
/// </summary>
public static class RoutingStrategies
{
    /// <summary>Random pick in proportion to the deployments' weights; the default.</summary>
    public const string Weighted = "weighted";

    public static readonly IReadOnlyList<string> All = [Weighted];

    public static bool IsKnown(string? strategy) => strategy is not null && All.Contains(strategy, StringComparer.Ordinal);
}
