using Switchyard.DataPlane.Pipeline;

namespace Switchyard.DataPlane.Routing;

public static class RoutingExtensions
{
    /// <summary>The routing strategies (named policies) and the route stage.</summary>
    public static IServiceCollection AddDeploymentRouting(this IServiceCollection services)
    {
        services.AddSingleton<IRoutingPolicy, WeightedRoutingPolicy>();
        services.AddSingleton<RoutingPolicyRegistry>();
        return services.AddGatewayStage<RouteStage>();
    }
}
