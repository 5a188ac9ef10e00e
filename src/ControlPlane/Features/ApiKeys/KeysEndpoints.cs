using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.ApiKeys;

public static class KeysEndpoints
{
    /// <summary>
    /// /api/tenants/{tenantId}/keys: members read (finance included), developers and admins create, update (name, limits,
    /// tags, metadata), rotate and revoke; developers only in their own teams (<see cref="KeyScope"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapKeysEndpoints(this IEndpointRouteBuilder tenant)
    {
        var members = tenant.MapGroup("/keys").WithTags("Keys").RequireAuthorization(AdminPolicies.TenantMember);
        members.MapGet("/", ListKeys.HandleAsync).WithName("ListKeys");
        members.MapGet("/{keyId:guid}", GetKey.HandleAsync).WithName("GetKey");

        var keyManagers = tenant.MapGroup("/keys").WithTags("Keys").RequireAuthorization(AdminPolicies.TenantKeyManager);
        keyManagers.MapPost("/", CreateKey.HandleAsync).WithName("CreateKey");
        keyManagers.MapPatch("/{keyId:guid}", UpdateKey.HandleAsync).WithName("UpdateKey");
        keyManagers.MapPost("/{keyId:guid}/revoke", RevokeKey.HandleAsync).WithName("RevokeKey");
        keyManagers.MapPost("/{keyId:guid}/rotate", RotateKey.HandleAsync).WithName("RotateKey");
        return tenant;
    }
}
