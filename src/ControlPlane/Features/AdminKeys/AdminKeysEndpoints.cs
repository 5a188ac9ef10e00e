using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.AdminKeys;

public static class AdminKeysEndpoints
{
    /// <summary>Maps /api/admin-keys: platform keys, platform admins only.</summary>
    public static IEndpointRouteBuilder MapAdminKeysEndpoints(this IEndpointRouteBuilder api)
    {
        var keys = api.MapGroup("/admin-keys").WithTags("AdminKeys").RequireAuthorization(AuthSchemes.PlatformAdminPolicy);
        keys.MapGet("/", ListPlatformAdminKeys.HandleAsync).WithName("ListPlatformAdminKeys");
        keys.MapPost("/", CreatePlatformAdminKey.HandleAsync).WithName("CreatePlatformAdminKey");
        keys.MapDelete("/{id:guid}", RevokePlatformAdminKey.HandleAsync).WithName("RevokePlatformAdminKey");
        return api;
    }

    /// <summary>Maps /api/tenants/{tenantId}/admin-keys: the tenant's keys, tenant admins only.</summary>
    public static IEndpointRouteBuilder MapTenantAdminKeysEndpoints(this IEndpointRouteBuilder tenant)
    {
        var keys = tenant.MapGroup("/admin-keys").WithTags("AdminKeys");
        keys.MapGet("/", ListAdminKeys.HandleAsync).WithName("ListAdminKeys");
        keys.MapPost("/", CreateAdminKey.HandleAsync).WithName("CreateAdminKey");
        keys.MapDelete("/{id:guid}", RevokeAdminKey.HandleAsync).WithName("RevokeAdminKey");
        return tenant;
    }
}
