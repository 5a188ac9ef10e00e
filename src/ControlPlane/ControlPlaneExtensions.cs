namespace Switchyard.ControlPlane;

public static class ControlPlaneExtensions
{
    /// <summary>Registers the control plane (admin API, database, config distribution, usage ingestion, jobs).</summary>
    public static WebApplicationBuilder AddControlPlane(this WebApplicationBuilder builder)
    {
        return builder;
    }

    /// <summary>Maps the admin API, node endpoints and health; returns the group so a host can restrict it (e.g. by port).</summary>
    public static IEndpointConventionBuilder MapControlPlane(this WebApplication app)
    {
        return app.MapGroup("");
    }
}
