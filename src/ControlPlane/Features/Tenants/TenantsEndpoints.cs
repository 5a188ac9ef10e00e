using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Tenants;

public static class TenantsEndpoints
{
    /// <summary>Maps /api/tenants and returns the guarded <c>/api/tenants/{tenantId}</c> group the tenant-owned slices map onto.</summary>
    public static RouteGroupBuilder MapTenantsEndpoints(this IEndpointRouteBuilder api)
    {
        var tenants = api.MapGroup("/tenants").WithTags("Tenants");
        tenants.MapGet("/", ListTenants.HandleAsync).WithName("ListTenants");
        tenants.MapPost("/", CreateTenant.HandleAsync).WithName("CreateTenant").RequireAuthorization(AuthSchemes.PlatformAdminPolicy);

        var tenant = api.MapGroup("/tenants/{tenantId:guid}").AddEndpointFilter<TenantAccessFilter>();
        tenant.MapGet("/", GetTenant.HandleAsync).WithTags("Tenants").WithName("GetTenant");
        tenant.MapPatch("/", UpdateTenant.HandleAsync).WithTags("Tenants").WithName("UpdateTenant");
        return tenant;
    }
}
