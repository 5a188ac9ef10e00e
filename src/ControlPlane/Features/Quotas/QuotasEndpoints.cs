using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Quotas;

public static class QuotasEndpoints
{
    /// <summary>/api/tenants/{tenantId}/quotas: members read; only platform admins set a tenant's quotas.</summary>
    public static IEndpointRouteBuilder MapQuotasEndpoints(this IEndpointRouteBuilder tenant)
    {
        var members = tenant.MapGroup("/quotas").WithTags("Quotas").RequireAuthorization(AdminPolicies.TenantMember);
        members.MapGet("/", GetTenantQuotas.HandleAsync).WithName("GetTenantQuotas");

        var platformAdmins = tenant.MapGroup("/quotas").WithTags("Quotas").RequireAuthorization(AdminPolicies.PlatformAdmin);
        platformAdmins.MapPut("/", UpdateTenantQuotas.HandleAsync).WithName("UpdateTenantQuotas");
        return tenant;
    }
}
