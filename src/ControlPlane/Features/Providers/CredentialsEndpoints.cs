using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Providers;

public static class CredentialsEndpoints
{
    /// <summary>/api/tenants/{tenantId}/credentials: tenant admins only, reads included.</summary>
    public static IEndpointRouteBuilder MapCredentialsEndpoints(this IEndpointRouteBuilder tenant)
    {
        var admins = tenant.MapGroup("/credentials").WithTags("Credentials").RequireAuthorization(AdminPolicies.TenantAdmin);
        admins.MapGet("/", ListCredentials.HandleAsync).WithName("ListCredentials");
        admins.MapPost("/", CreateCredential.HandleAsync).WithName("CreateCredential");
        admins.MapDelete("/{id:guid}", DeleteCredential.HandleAsync).WithName("DeleteCredential");
        return tenant;
    }
}
