using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Usage;

public static class UsageEndpoints
{
    /// <summary>/api/tenants/{tenantId}/usage and /spend: members.</summary>
    public static IEndpointRouteBuilder MapUsageEndpoints(this IEndpointRouteBuilder tenant)
    {
        var members = tenant.MapGroup("/usage").WithTags("Usage").RequireAuthorization(AdminPolicies.TenantMember);
        members.MapGet("/", ListUsage.HandleAsync).WithName("ListUsage");
        members.MapGet("/by-key", GetUsageByKey.HandleAsync).WithName("GetUsageByKey");
        tenant.MapGroup("/spend").WithTags("Usage").RequireAuthorization(AdminPolicies.TenantMember)
            .MapGet("/", GetSpend.HandleAsync).WithName("GetSpend");
        return tenant;
    }
}
