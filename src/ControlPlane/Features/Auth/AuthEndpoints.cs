namespace Switchyard.ControlPlane.Features.Auth;

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth").AllowAnonymous();
        auth.MapPost("/login", Login.HandleAsync).WithName("Login").RequireRateLimiting(SignInRateLimiterPolicy.Name);

        var me = api.MapGroup("/me").WithTags("Auth").RequireAuthorization(AdminPolicies.SignedIn);
        me.MapGet("", GetMe.HandleAsync).WithName("GetMe");
        return api;
    }
}
