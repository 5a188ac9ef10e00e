using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Tenants;

public static class TenantsEndpoints
{
    /// <summary>
    /// Maps /api/tenants and returns the <c>/api/tenants/{tenantId}</c> group the tenant-owned slices map onto. That group
    /// confines each request to its tenant (<see cref="TenantScopeFilter"/>) and makes a deactivated tenant read-only
    /// (<see cref="DeactivatedTenantFilter"/>) but declares no policy: each slice declares its own tenant policy
    /// (<see cref="AdminPolicies"/>), and an endpoint that declares none is refused.
    /// </summary>
    public static RouteGroupBuilder MapTenantsEndpoints(this IEndpointRouteBuilder api)
    {
        var signedIn = api.MapGroup("/tenants").WithTags("Tenants").RequireAuthorization(AdminPolicies.SignedIn);
        signedIn.MapGet("/", ListTenants.HandleAsync).WithName("ListTenants");

        var platformAdmins = api.MapGroup("/tenants").WithTags("Tenants").RequireAuthorization(AdminPolicies.PlatformAdmin);
        platformAdmins.MapPost("/", CreateTenant.HandleAsync).WithName("CreateTenant");

        var tenant = api.MapGroup("/tenants/{tenantId:guid}").AddEndpointFilter<TenantScopeFilter>().AddEndpointFilter<DeactivatedTenantFilter>();
        tenant.MapGroup("").WithTags("Tenants").RequireAuthorization(AdminPolicies.TenantMember)
            .MapGet("/", GetTenant.HandleAsync).WithName("GetTenant");
        tenant.MapGroup("").WithTags("Tenants").RequireAuthorization(AdminPolicies.TenantAdmin)
            .MapPatch("/", UpdateTenant.HandleAsync).WithName("UpdateTenant");
        return tenant;
    }
}
