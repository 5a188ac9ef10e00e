namespace Switchyard.ControlPlane.Features.Auth;

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");
        auth.MapPost("/login", Login.HandleAsync).AllowAnonymous().WithName("Login").RequireRateLimiting(SignInRateLimiterPolicy.Name);

        api.MapGet("/me", GetMe.HandleAsync).WithTags("Auth").WithName("GetMe").RequireAuthorization(AuthSchemes.ApiPolicy);
        return api;
    }
}
