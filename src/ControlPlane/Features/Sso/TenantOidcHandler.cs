using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Egress;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// The OpenID Connect handler of the one <see cref="SsoDefaults.Scheme"/>, configured per tenant: on a request to
/// <c>/api/auth/sso/{tenantId}/login</c> or <c>/callback</c> it loads that tenant's settings into this request's own
/// options instance (<see cref="SsoOptionsMonitor"/>): issuer, client, unsealed secret, scopes, the tenant's callback path
/// and the issuer's metadata. The tenant also travels inside the protected state and is checked on the way back
/// (<see cref="SsoEvents"/>), so a response can only complete the sign-in of the tenant that started it.
/// </summary>
internal sealed partial class TenantOidcHandler(
    SsoOptionsMonitor options, ILoggerFactory logger, HtmlEncoder htmlEncoder, UrlEncoder encoder,
    SsoMetadataCache metadata, SsoSecretProtector secrets, IOptions<SsoOptions> ssoOptions)
    : OpenIdConnectHandler(options, logger, htmlEncoder, encoder)
{
    /// <summary>
    /// Sending the browser to the provider needs its metadata; when the egress policy refuses the provider's address, or
    /// the provider answers with a redirect, the person goes back to the return URL with a message saying so (the
    /// callback's calls end in <see cref="SsoEvents.RemoteFailure"/>).
    /// </summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        try
        {
            await base.HandleChallengeAsync(properties);
        }
        catch (Exception e) when (EgressDeniedException.Find(e) is { } refused && !Response.HasStarted)
        {
            LogEgressRefused(Logger, Options.Authority ?? "", refused.Message);
            await SsoRefusal.SendAsync(Context, properties.RedirectUri, SsoRefusal.EgressMessage(Options.Authority ?? "", refused.Message), ssoOptions.Value);
        }
        catch (Exception e) when (SsoRedirectRefusedException.Find(e) is { } redirected && !Response.HasStarted)
        {
            LogRedirectRefused(Logger, Options.Authority ?? "", redirected.Message);
            await SsoRefusal.SendAsync(Context, properties.RedirectUri, SsoRefusal.RedirectMessage(Options.Authority ?? "", redirected.Message), ssoOptions.Value);
        }
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "SSO sign-in to {Issuer} refused by the egress policy: {Reason}")]
    private static partial void LogEgressRefused(ILogger logger, string issuer, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SSO sign-in to {Issuer} failed: {Reason}")]
    private static partial void LogRedirectRefused(ILogger logger, string issuer, string reason);
}
