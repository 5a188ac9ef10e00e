using Switchyard.DataPlane.Pipeline;

namespace Switchyard.DataPlane.Routing;

public static class RoutingExtensions
{
    /// <summary>
    /// The routing strategies (named policies), the route stage, the per-deployment health (breakers) and its periodic report.
    /// </summary>
    public static IServiceCollection AddDeploymentRouting(this IServiceCollection services)
    {
        services.AddSingleton(new RoutingRandom());
        services.AddSingleton<IRoutingPolicy, WeightedRoutingPolicy>();
        services.AddSingleton<IRoutingPolicy, PriorityRoutingPolicy>();
        services.AddSingleton<IRoutingPolicy, LatencyRoutingPolicy>();
        services.AddSingleton<IRoutingPolicy, LeastBusyRoutingPolicy>();
        services.AddSingleton<IRoutingPolicy, CostRoutingPolicy>();
        services.AddSingleton<RoutingPolicyRegistry>();
        services.AddSingleton<DeploymentHealthRegistry>();
        services.AddSingleton<DeploymentSelector>();
        services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<DeploymentHealthReporter>();
        services.AddSingleton<DeploymentHealthChecker>();
        services.AddHostedService(sp => sp.GetRequiredService<DeploymentHealthChecker>());
        return services.AddGatewayStage<RouteStage>();
    }
}
