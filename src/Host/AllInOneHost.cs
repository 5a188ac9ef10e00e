using Switchyard.ControlPlane;
using Switchyard.DataPlane;
using Switchyard.Portal;
using Switchyard.ServiceDefaults;
using Switchyard.ServiceDefaults.Hosting;
using Switchyard.ServiceDefaults.Messaging;
using Switchyard.ServiceDefaults.Routing;

namespace Switchyard.Host;

/// <summary>
/// The all-in-one host: control plane + portal on the portal URL, one data-plane node on the gateway URL, SQLite, the
/// in-memory bus and in-memory jobs (see appsettings.json). Every setting can be overridden. The two parts are told apart
/// by the port a connection arrived on, not by its Host header: the admin API, its OpenAPI document, the node endpoints
/// and the portal do not exist on the gateway port, and the gateway does not exist on the portal port. Gateway requests
/// skip the admin API's and portal's middleware altogether (<see cref="DataPlaneExtensions.UseGatewayPort"/>).
/// </summary>
public static class AllInOneHost
{
    /// <param name="configure">Runs after the parts are registered, before the application is built (tests use it).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = SwitchyardHost.CreateBuilder(args);
        var (portalUrl, gatewayUrl) = EmbeddedDefaults.Apply(builder);
        builder.AddServiceDefaults();

        builder.AddControlPlane();
        builder.AddDataPlane();
        builder.AddPortal();
        builder.AddSwitchyardMessaging();
        builder.Services.AddLocalPortRouting();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseGatewayPort(gatewayUrl.Port);
        app.MapControlPlane().RequireLocalPort(portalUrl.Port);
        app.MapPortal().RequireLocalPort(portalUrl.Port);
        app.MapDataPlane().RequireLocalPort(gatewayUrl.Port);
        return app;
    }
}
