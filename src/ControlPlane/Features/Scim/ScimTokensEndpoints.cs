using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Scim;

public static class ScimTokensEndpoints
{
    /// <summary>/api/tenants/{tenantId}/scim: the tenant's SCIM base URL and tokens, tenant admins only.</summary>
    public static IEndpointRouteBuilder MapScimTokensEndpoints(this IEndpointRouteBuilder tenant)
    {
        var admins = tenant.MapGroup("/scim").WithTags("Scim").RequireAuthorization(AdminPolicies.TenantAdmin);
        admins.MapGet("/", GetScimSettings.HandleAsync).WithName("GetScimSettings");
        admins.MapGet("/tokens", ListScimTokens.HandleAsync).WithName("ListScimTokens");
        admins.MapPost("/tokens", CreateScimToken.HandleAsync).WithName("CreateScimToken");
        admins.MapDelete("/tokens/{id:guid}", RevokeScimToken.HandleAsync).WithName("RevokeScimToken");
        return tenant;
    }
}
