using Switchyard.DataPlane.Pipeline;

namespace Switchyard.DataPlane.Routing;

/// <summary>Chooses the deployment of the authorised route by the route's strategy.</summary>
public sealed class RouteStage(RoutingPolicyRegistry policies) : IGatewayStage
{
    public string Name => "route";

    public int Order => GatewayStageOrder.Route;

    public ValueTask<bool> RunAsync(GatewayContext context)
    {
        var route = context.Route!;
        context.Routed(policies.Get(route.Snapshot.Strategy).Pick(route));
        return ValueTask.FromResult(true);
    }
}
