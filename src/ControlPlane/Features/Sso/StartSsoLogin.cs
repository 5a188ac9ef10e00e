using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// GET /api/auth/sso/{tenantId}/login?returnUrl= (anonymous): sends the browser to the tenant's identity provider
/// (authorization code flow with PKCE, nonce and state). <c>returnUrl</c> must be a local path or on an origin of
/// <see cref="SsoOptions.ReturnOrigins"/>; 404 when the tenant has no single sign-on.
/// </summary>
public static class StartSsoLogin
{
    public static IResult Handle(Guid tenantId, string? returnUrl, HttpContext context, IOptions<SsoOptions> options)
    {
        returnUrl = string.IsNullOrEmpty(returnUrl) ? "/" : returnUrl;
        if (!SsoReturnUrl.IsAllowed(returnUrl, options.Value))
        {
            return new ValidationErrors().Add("returnUrl", "The returnUrl field must be a local path (or a URL on an origin listed in Sso:ReturnOrigins).").ToProblem();
        }

        if (context.Features.Get<TenantSso>() is not { } sso || sso.TenantId != tenantId)
        {
            return Problems.NotFound("Single sign-on for this tenant");
        }

        var properties = new AuthenticationProperties { RedirectUri = returnUrl };
        properties.Items[SsoDefaults.TenantItem] = tenantId.ToString("D");
        return TypedResults.Challenge(properties, [SsoDefaults.Scheme]);
    }
}
