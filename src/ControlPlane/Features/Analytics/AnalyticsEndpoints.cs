using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Analytics;

public static class AnalyticsEndpoints
{
    /// <summary>/api/platform/analytics: platform admins.</summary>
    public static IEndpointRouteBuilder MapPlatformAnalyticsEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/platform/analytics").WithTags("Analytics").RequireAuthorization(AdminPolicies.PlatformAdmin)
            .MapGet("/", GetPlatformAnalytics.HandleAsync).WithName("GetPlatformAnalytics");
        return api;
    }

    /// <summary>/api/tenants/{tenantId}/analytics: members.</summary>
    public static IEndpointRouteBuilder MapAnalyticsEndpoints(this IEndpointRouteBuilder tenant)
    {
        tenant.MapGroup("/analytics").WithTags("Analytics").RequireAuthorization(AdminPolicies.TenantMember)
            .MapGet("/", GetTenantAnalytics.HandleAsync).WithName("GetTenantAnalytics");
        return tenant;
    }
}
