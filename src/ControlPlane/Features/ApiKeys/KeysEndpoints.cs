namespace Switchyard.ControlPlane.Features.ApiKeys;

public static class KeysEndpoints
{
    public static IEndpointRouteBuilder MapKeysEndpoints(this IEndpointRouteBuilder tenant)
    {
        var keys = tenant.MapGroup("/keys").WithTags("Keys");
        keys.MapGet("/", ListKeys.HandleAsync).WithName("ListKeys");
        keys.MapPost("/", CreateKey.HandleAsync).WithName("CreateKey");
        keys.MapGet("/{keyId:guid}", GetKey.HandleAsync).WithName("GetKey");
        keys.MapPost("/{keyId:guid}/revoke", RevokeKey.HandleAsync).WithName("RevokeKey");
        return tenant;
    }
}
