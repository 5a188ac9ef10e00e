using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Egress;

public static class EgressEndpoints
{
    /// <summary>Maps /api/platform/egress: the platform's egress allow-list, platform admins only.</summary>
    public static IEndpointRouteBuilder MapEgressEndpoints(this IEndpointRouteBuilder api)
    {
        var egress = api.MapGroup("/platform/egress").WithTags("Platform").RequireAuthorization(AdminPolicies.PlatformAdmin);
        egress.MapGet("/", GetEgressPolicy.HandleAsync).WithName("GetEgressPolicy");
        egress.MapPut("/", UpdateEgressPolicy.HandleAsync).WithName("UpdateEgressPolicy");
        return api;
    }
}
