using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.DataPlane.Authentication;
using Switchyard.DataPlane.Authorization;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Egress;
using Switchyard.DataPlane.Gateway;
using Switchyard.DataPlane.Lifecycle;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Providers;
using Switchyard.DataPlane.Routing;
using Switchyard.DataPlane.Usage;
using Switchyard.ServiceDefaults;
using Switchyard.ServiceDefaults.Health;
using Switchyard.ServiceDefaults.Messaging;
using Switchyard.Shared.Egress;
using Switchyard.Shared.Keys;

namespace Switchyard.DataPlane;

public static class DataPlaneExtensions
{
    /// <summary>
    /// Registers a data-plane node: its config snapshot, and the request pipeline built from each capability's stages
    /// (authenticate, parse, authorize, route, forward) and response listeners (usage accounting).
    /// </summary>
    public static WebApplicationBuilder AddDataPlane(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        services.AddSnapshotSync();
        // The node refuses to start unless it serves every strategy and provider kind the control plane accepts.
        services.AddSingleton(sp => SnapshotCompiler.ForNode(
            sp.GetRequiredService<SecretSealer>(),
            sp.GetRequiredService<ProviderRegistry>().Kinds,
            sp.GetRequiredService<RoutingPolicyRegistry>().Names));
        services.AddEgressPolicy();
        services.AddGatewayPipeline();
        services.AddVirtualKeyAuthentication();
        services.AddModelAuthorization();
        services.AddDeploymentRouting();
        services.AddProviders();
        services.AddUsageSpool();
        services.AddGatewayEndpoints();
        services.AddGracefulDrain();

        // Every node hears every revision: its own auto-deleted queue on the fanout, unique per process.
        var instance = $"{builder.Configuration["DataPlane:NodeId"] ?? "node"}-{Guid.NewGuid().ToString("N")[..8]}";
        builder.AddMessagingParticipant(x =>
            x.AddConsumer<ConfigRevisionPublishedConsumer>().Endpoint(e =>
            {
                e.Temporary = true;
                e.InstanceId = instance;
            }));
        return builder;
    }

    /// <summary>Maps the gateway endpoints (/v1/...); returns the group so a host can restrict it (e.g. by port).</summary>
    public static IEndpointConventionBuilder MapDataPlane(this WebApplication app)
    {
        app.UseGatewayInFlightTracking();
        app.MapSwitchyardHealth();
        return app.MapGatewayEndpoints();
    }
}
