using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Usage;

public static class UsageEndpoints
{
    /// <summary>/api/tenants/{tenantId}/usage: members.</summary>
    public static IEndpointRouteBuilder MapUsageEndpoints(this IEndpointRouteBuilder tenant)
    {
        var members = tenant.MapGroup("/usage").WithTags("Usage").RequireAuthorization(AdminPolicies.TenantMember);
        members.MapGet("/", ListUsage.HandleAsync).WithName("ListUsage");
        members.MapGet("/by-key", GetUsageByKey.HandleAsync).WithName("GetUsageByKey");
        return tenant;
    }
}
