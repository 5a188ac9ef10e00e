using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Egress;
using Switchyard.Shared.Egress;

namespace Switchyard.ControlPlane.Features.Sso;

public static class SsoExtensions
{
    /// <summary>
    /// Per-tenant OpenID Connect single sign-on: one <see cref="SsoDefaults.Scheme"/> whose options are filled per request
    /// from the tenant in the path (<see cref="TenantOidcHandler"/>); code flow with PKCE, the answer as a query (so the
    /// correlation and nonce cookies can stay SameSite=Lax), signing in to the admin API's Identity cookie.
    /// </summary>
    public static WebApplicationBuilder AddSso(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SsoOptions>().BindConfiguration(SsoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        // Every call to an identity provider (discovery, signing keys, token and user-info endpoints) under the egress policy,
        // following no redirects (a redirect answer fails the call saying so).
        services.AddTransient<PlatformEgressHandler>();
        services.AddTransient<SsoRedirectRefusal>();
        services.AddHttpClient(SsoMetadataCache.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(sp => ControlPlaneEgress.CreateHandler(sp.GetRequiredService<IOptions<EgressOptions>>().Value.ToAllowList()))
            .AddHttpMessageHandler<PlatformEgressHandler>()
            .AddHttpMessageHandler<SsoRedirectRefusal>();
        services.AddSingleton<SsoSecretProtector>();
        services.AddScoped<SsoHandoff>();
        services.AddSingleton<SsoMetadataCache>();
        services.AddSingleton<SsoOptionsMonitor>();
        services.AddScoped<SsoSignIn>();
        services.AddScoped<SsoEvents>();

        services.AddAuthentication().AddRemoteScheme<OpenIdConnectOptions, TenantOidcHandler>(SsoDefaults.Scheme, "Single sign-on", o =>
        {
            // Inert until a tenant's request fills them in: a callback path no request has, an empty static configuration.
            o.CallbackPath = SsoDefaults.PathPrefix + "-/callback";
            o.Configuration = new OpenIdConnectConfiguration();
            o.ClientId = "unconfigured";
            o.SignInScheme = IdentityConstants.ApplicationScheme;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.SaveTokens = false;
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = true;
            o.DisableTelemetry = true;
            o.RemoteAuthenticationTimeout = TimeSpan.FromMinutes(10);
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.EventsType = typeof(SsoEvents);
        });
        services.AddOptions<OpenIdConnectOptions>(SsoDefaults.Scheme)
            .Configure<IHttpClientFactory>((o, clients) => o.Backchannel = clients.CreateClient(SsoMetadataCache.HttpClientName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        return builder;
    }
}
