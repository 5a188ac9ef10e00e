using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.AdminKeys;

public static class AdminKeysEndpoints
{
    /// <summary>Maps /api/admin-keys: platform keys, platform admins only.</summary>
    public static IEndpointRouteBuilder MapAdminKeysEndpoints(this IEndpointRouteBuilder api)
    {
        var platformAdmins = api.MapGroup("/admin-keys").WithTags("AdminKeys").RequireAuthorization(AdminPolicies.PlatformAdmin);
        platformAdmins.MapGet("/", ListPlatformAdminKeys.HandleAsync).WithName("ListPlatformAdminKeys");
        platformAdmins.MapPost("/", CreatePlatformAdminKey.HandleAsync).WithName("CreatePlatformAdminKey");
        platformAdmins.MapDelete("/{id:guid}", RevokePlatformAdminKey.HandleAsync).WithName("RevokePlatformAdminKey");
        return api;
    }

    /// <summary>Maps /api/tenants/{tenantId}/admin-keys: the tenant's keys, tenant admins only.</summary>
    public static IEndpointRouteBuilder MapTenantAdminKeysEndpoints(this IEndpointRouteBuilder tenant)
    {
        var admins = tenant.MapGroup("/admin-keys").WithTags("AdminKeys").RequireAuthorization(AdminPolicies.TenantAdmin);
        admins.MapGet("/", ListAdminKeys.HandleAsync).WithName("ListAdminKeys");
        admins.MapPost("/", CreateAdminKey.HandleAsync).WithName("CreateAdminKey");
        admins.MapDelete("/{id:guid}", RevokeAdminKey.HandleAsync).WithName("RevokeAdminKey");
        return tenant;
    }
}
