using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Policies;

public static class PoliciesEndpoints
{
    /// <summary>The policies' services: the dry run's external guardrail check.</summary>
    public static IServiceCollection AddPolicies(this IServiceCollection services) => services.AddScoped<PolicyExternalCheck>();

    /// <summary>/api/tenants/{tenantId}/policies: members read and dry-run, tenant admins write.</summary>
    public static IEndpointRouteBuilder MapPoliciesEndpoints(this IEndpointRouteBuilder tenant)
    {
        var members = tenant.MapGroup("/policies").WithTags("Policies").RequireAuthorization(AdminPolicies.TenantMember);
        members.MapGet("/", ListPolicies.HandleAsync).WithName("ListPolicies");
        members.MapGet("/{policyId:guid}", GetPolicy.HandleAsync).WithName("GetPolicy");
        members.MapPost("/{policyId:guid}/dry-run", DryRunPolicy.HandleAsync).WithName("DryRunPolicy");

        var admins = tenant.MapGroup("/policies").WithTags("Policies").RequireAuthorization(AdminPolicies.TenantAdmin);
        admins.MapPost("/", CreatePolicy.HandleAsync).WithName("CreatePolicy");
        admins.MapPut("/{policyId:guid}", UpdatePolicy.HandleAsync).WithName("UpdatePolicy");
        admins.MapDelete("/{policyId:guid}", DeletePolicy.HandleAsync).WithName("DeletePolicy");
        return tenant;
    }
}
