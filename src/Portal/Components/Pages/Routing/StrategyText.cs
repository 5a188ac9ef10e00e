using Switchyard.Shared.Configuration;

namespace Switchyard.Portal.Components.Pages.Routing;

/// <summary>One line per routing strategy, as the editor and the routes table explain them.</summary>
public static class StrategyText
{
    public static string Describe(string strategy) => strategy switch
    {
        RoutingStrategies.Weighted => "Random pick in proportion to the deployments' weights.",
        RoutingStrategies.Priority => "Lowest priority number first; the next tier only when every deployment above is unavailable.",
        RoutingStrategies.Latency => "Lowest recent latency on each node, with some exploration so a recovered deployment is noticed.",
        RoutingStrategies.LeastBusy => "Fewest requests in flight on each node.",
        RoutingStrategies.Cost => "Cheapest deployment by its model's price (the prices below, else the pricing catalog).",
        _ => "Unknown strategy.",
    };
}
