using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// The OpenID Connect handler of the one <see cref="SsoDefaults.Scheme"/>, configured per tenant: on a request to
/// <c>/api/auth/sso/{tenantId}/login</c> or <c>/callback</c> it loads that tenant's settings into this request's own
/// options instance (<see cref="SsoOptionsMonitor"/>): issuer, client, unsealed secret, scopes, the tenant's callback path
/// and the issuer's metadata. The tenant also travels inside the protected state and is checked on the way back
/// (<see cref="SsoEvents"/>), so a response can only complete the sign-in of the tenant that started it.
/// </summary>
internal sealed class TenantOidcHandler(
    SsoOptionsMonitor options, ILoggerFactory logger, HtmlEncoder htmlEncoder, UrlEncoder encoder,
    SsoMetadataCache metadata, SsoSecretProtector secrets)
    : OpenIdConnectHandler(options, logger, htmlEncoder, encoder)
{
    protected override async Task InitializeHandlerAsync()
    {
        await base.InitializeHandlerAsync();
        if (!SsoPaths.TryGetTenant(Request.Path, out var tenantId))
        {
            return;
        }

        var db = Context.RequestServices.GetRequiredService<ControlPlaneDbContext>();
        var sso = await db.TenantSso.AsNoTracking().IgnoreQueryFilters().FirstOrDefaultAsync(s => s.TenantId == tenantId, Context.RequestAborted);
        if (sso is null || sso.ClientSecretProtected.Length == 0)
        {
            return;
        }

        Context.Features.Set(sso);
        var o = Options;
        o.Authority = sso.Issuer;
        o.MetadataAddress = sso.Issuer + "/.well-known/openid-configuration";
        o.RequireHttpsMetadata = sso.Issuer.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        o.ConfigurationManager = metadata.For(sso.Issuer);
        o.ClientId = sso.ClientId;
        o.ClientSecret = secrets.Unprotect(sso.ClientSecretProtected);
        o.CallbackPath = SsoDefaults.CallbackPath(tenantId);
        o.Scope.Clear();
        foreach (var scope in sso.Scopes)
        {
            o.Scope.Add(scope);
        }

        o.TokenValidationParameters.ValidIssuers = [sso.Issuer, sso.Issuer + "/"];
        o.TokenValidationParameters.ValidAudience = sso.ClientId;
        o.ClaimActions.MapJsonKey(sso.GroupsClaim, sso.GroupsClaim);
        o.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
    }
}
