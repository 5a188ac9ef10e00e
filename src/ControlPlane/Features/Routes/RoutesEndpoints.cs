using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Routes;

public static class RoutesEndpoints
{
    /// <summary>/api/tenants/{tenantId}/routes: members read, tenant admins write.</summary>
    public static IEndpointRouteBuilder MapRoutesEndpoints(this IEndpointRouteBuilder tenant)
    {
        var members = tenant.MapGroup("/routes").WithTags("Routes").RequireAuthorization(AdminPolicies.TenantMember);
        members.MapGet("/", ListRoutes.HandleAsync).WithName("ListRoutes");
        members.MapGet("/{routeId:guid}", GetRoute.HandleAsync).WithName("GetRoute");
        members.MapGet("/{routeId:guid}/health", GetRouteHealth.HandleAsync).WithName("GetRouteHealth");

        var admins = tenant.MapGroup("/routes").WithTags("Routes").RequireAuthorization(AdminPolicies.TenantAdmin);
        admins.MapPost("/", CreateRoute.HandleAsync).WithName("CreateRoute");
        admins.MapPut("/{routeId:guid}", UpdateRoute.HandleAsync).WithName("UpdateRoute");
        admins.MapDelete("/{routeId:guid}", DeleteRoute.HandleAsync).WithName("DeleteRoute");
        return tenant;
    }
}
