using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.TenantSettings;

public static class TenantSettingsEndpoints
{
    /// <summary>/api/tenants/{tenantId}/settings: the tenant's sign-in policy (tenant admins).</summary>
    public static IEndpointRouteBuilder MapTenantSettingsEndpoints(this IEndpointRouteBuilder tenant)
    {
        var settings = tenant.MapGroup("/settings").WithTags("Tenants").RequireAuthorization(AdminPolicies.TenantAdmin);
        settings.MapGet("", GetTenantSettings.HandleAsync).WithName("GetTenantSettings");
        settings.MapPatch("", UpdateTenantSettings.HandleAsync).WithName("UpdateTenantSettings");
        return tenant;
    }
}
