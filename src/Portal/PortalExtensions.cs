namespace Switchyard.Portal;

public static class PortalExtensions
{
    /// <summary>Registers the Blazor portal and its typed admin API client.</summary>
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        return builder;
    }

    /// <summary>Maps the portal's pages and static assets.</summary>
    public static IEndpointConventionBuilder MapPortal(this WebApplication app)
    {
        return app.MapGroup("");
    }
}
