using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Features.Sso;

public static class SsoEndpoints
{
    /// <summary>
    /// /api/auth/sso: discovery by email domain (throttled per client like password sign-in, so domains cannot be listed
    /// quickly), the start of a tenant's sign-in and the portal's code exchange (anonymous; the sealed one-time code cannot be
    /// guessed). The callback <c>/api/auth/sso/{tenantId}/callback</c> is answered by the
    /// authentication middleware (<see cref="TenantOidcHandler"/>), not by an endpoint.
    /// </summary>
    public static IEndpointRouteBuilder MapSsoSignInEndpoints(this IEndpointRouteBuilder api)
    {
        var sso = api.MapGroup("/auth/sso").WithTags("Auth").AllowAnonymous();
        sso.MapGet("/discover", DiscoverSso.HandleAsync).WithName("DiscoverSso").RequireRateLimiting(SignInRateLimiterPolicy.Name);
        sso.MapGet("/{tenantId:guid}/login", StartSsoLogin.Handle).WithName("StartSsoLogin");
        sso.MapPost("/exchange", ExchangeSsoCode.HandleAsync).WithName("ExchangeSsoCode");
        return api;
    }

    /// <summary>/api/tenants/{tenantId}/sso: the tenant's single sign-on, tenant admins only.</summary>
    public static IEndpointRouteBuilder MapSsoConfigEndpoints(this IEndpointRouteBuilder tenant)
    {
        var admins = tenant.MapGroup("/sso").WithTags("Single sign-on").RequireAuthorization(AdminPolicies.TenantAdmin);
        admins.MapGet("/", GetSsoConfig.HandleAsync).WithName("GetSsoConfig");
        admins.MapPut("/", PutSsoConfig.HandleAsync).WithName("PutSsoConfig");
        admins.MapDelete("/", DeleteSsoConfig.HandleAsync).WithName("DeleteSsoConfig");
        return tenant;
    }
}
