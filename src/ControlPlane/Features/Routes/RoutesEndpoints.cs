namespace Switchyard.ControlPlane.Features.Routes;

public static class RoutesEndpoints
{
    public static IEndpointRouteBuilder MapRoutesEndpoints(this IEndpointRouteBuilder tenant)
    {
        var routes = tenant.MapGroup("/routes").WithTags("Routes");
        routes.MapGet("/", ListRoutes.HandleAsync).WithName("ListRoutes");
        routes.MapPost("/", CreateRoute.HandleAsync).WithName("CreateRoute");
        routes.MapPut("/{routeId:guid}", UpdateRoute.HandleAsync).WithName("UpdateRoute");
        routes.MapDelete("/{routeId:guid}", DeleteRoute.HandleAsync).WithName("DeleteRoute");
        return tenant;
    }
}
