namespace Switchyard.ControlPlane.Features.Providers;

public static class CredentialsEndpoints
{
    public static IEndpointRouteBuilder MapCredentialsEndpoints(this IEndpointRouteBuilder tenant)
    {
        var credentials = tenant.MapGroup("/credentials").WithTags("Credentials");
        credentials.MapGet("/", ListCredentials.HandleAsync).WithName("ListCredentials");
        credentials.MapPost("/", CreateCredential.HandleAsync).WithName("CreateCredential");
        credentials.MapDelete("/{id:guid}", DeleteCredential.HandleAsync).WithName("DeleteCredential");
        return tenant;
    }
}
