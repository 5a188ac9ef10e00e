using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.DataPlane.Authentication;
using Switchyard.DataPlane.Authorization;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Egress;
using Switchyard.DataPlane.Gateway;
using Switchyard.DataPlane.Guardrails;
using Switchyard.DataPlane.Lifecycle;
using Switchyard.DataPlane.Limits;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Providers;
using Switchyard.DataPlane.Routing;
using Switchyard.DataPlane.Telemetry;
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
    /// (authenticate, parse, authorize, limit, route, forward) and response listeners (usage accounting, limit release).
    /// </summary>
    public static WebApplicationBuilder AddDataPlane(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        builder.AddServiceDefaults();

        // ASP.NET Core starts an Activity for every request whenever its hosting logger is on (to give log scopes a trace
        // id), and the outgoing HttpClient call then starts a child one: ~2 KB and two trace ids per gateway request that
        // nothing reads. The node's own per-request record is its usage record; with Telemetry:Tracing on, the tracer's
        // listeners start those Activities instead (sampled), and the gateway's spans read them.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        // YARP logs every failed forward as a warning with the exception's stack trace; the node logs the same failure in one
        // line (deployment, error kind) and fails over. During an outage that is one stack trace per request, at the moment
        // the node should be cheapest.
        builder.Logging.AddFilter("Yarp.ReverseProxy.Forwarder.HttpForwarder", LogLevel.Error);

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
        services.AddRateLimits(builder.Configuration);
        services.AddGuardrails();
        services.AddDeploymentRouting();
        services.AddProviders();
        services.AddUsageSpool();
        services.AddGatewayEndpoints();
        services.AddGracefulDrain();
        services.AddGatewayTelemetry(builder.Configuration);

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
        app.MapSwitchyardHealth();
        app.MapServiceDefaults();
        return app.MapGatewayEndpoints();
    }

    /// <summary>
    /// For a host that serves other parts beside the gateway (the all-in-one host): requests arriving on
    /// <paramref name="gatewayPort"/> leave the shared pipeline right after routing and run only their endpoint, so none of the admin API's or portal's middleware (authentication,
    /// antiforgery, forwarded headers, rate limiting, static files, ...) costs a gateway request anything. Call it before
    /// the parts add their middleware.
    /// </summary>
    public static WebApplication UseGatewayPort(this WebApplication app, int gatewayPort)
    {
        app.MapWhen(context => context.Connection.LocalPort == gatewayPort, gateway =>
        {
            gateway.Run(RunEndpointAsync);
        });
        return app;
    }

    /// <summary>Runs the endpoint routing chose (the host's routing runs first in every WebApplication), or answers 404.</summary>
    private static Task RunEndpointAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.RequestDelegate is { } endpoint)
        {
            return endpoint(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
