using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Switchyard.Portal.Components;
using Switchyard.Portal.Downloads;
using Switchyard.Portal.Services;
using Switchyard.ServiceDefaults;
using Switchyard.ServiceDefaults.Health;
using Switchyard.ServiceDefaults.Http;

namespace Switchyard.Portal;

public static class PortalExtensions
{
    /// <summary>Registers the Blazor portal, its cookie session (the default authentication scheme) and its typed admin API client.</summary>
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        // Serve package and framework assets (MudBlazor, blazor.web.js) from a build output in any environment,
        // not only Development; a published app carries them in wwwroot and this is then a no-op.
        builder.WebHost.UseStaticWebAssets();
        builder.AddServiceDefaults();
        var services = builder.Services;
        services.AddOptions<PortalOptions>()
            .BindConfiguration(PortalOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(mud =>
        {
            // Bottom left, clear of the app bar's and the pages' action buttons; a few at most, no repeats piling up.
            mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft;
            mud.SnackbarConfiguration.MaxDisplayedSnackbars = 3;
            mud.SnackbarConfiguration.PreventDuplicates = true;
        });
        services.AddCascadingAuthenticationState();
        services.AddAuthorization();
        services.AddSwitchyardHealthChecks();
        services.AddSwitchyardForwardedHeaders();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PortalAssets>();

        services.AddAuthentication(PortalClaims.Scheme)
            .AddCookie(PortalClaims.Scheme, options =>
            {
                options.Cookie.Name = PortalClaims.CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = false;
                options.LoginPath = "/account/login";
                options.LogoutPath = "/account/logout";
                options.AccessDeniedPath = "/account/login";
                options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
            });

        // The cookie gets its own key ring so the host's Data Protection setup (the control plane seals credentials with it)
        // is left alone; the keys persist so restarts and several portal instances keep sessions.
        services.AddOptions<CookieAuthenticationOptions>(PortalClaims.Scheme)
            .Configure<IOptions<PortalOptions>>((cookie, portal) =>
                cookie.DataProtectionProvider = PortalDataProtection.Create(portal.Value));

        services.AddHttpContextAccessor();
        services.AddTransient<ForwardClientAddressHandler>();
        services.AddHttpClient(ControlPlaneClient.HttpClientName, (sp, http) =>
        {
            var baseUrl = sp.GetRequiredService<IOptions<PortalOptions>>().Value.ControlPlaneUrl!.ToString();
            http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            http.Timeout = TimeSpan.FromSeconds(30);
        }).AddHttpMessageHandler<ForwardClientAddressHandler>();
        services.AddScoped<IControlPlaneClient>(sp => new ControlPlaneClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(ControlPlaneClient.HttpClientName),
            sp.GetRequiredService<AuthenticationStateProvider>()));

        return builder;
    }

    /// <summary>Maps the portal's pages, static assets, sign-out endpoint and health; returns the portal's endpoints.</summary>
    public static IEndpointConventionBuilder MapPortal(this WebApplication app)
    {
        app.UseSwitchyardForwardedHeaders();
        app.MapSwitchyardHealth();
        app.MapServiceDefaults();

        var builders = new List<IEndpointConventionBuilder>();
        // In a group, so the returned conventions also reach the static-file fallback MapStaticAssets adds when it serves
        // from a build output (mapped on the route builder it is given, not on the builder it returns).
        app.UseOnce("StaticAssets", a =>
        {
            var assets = a.MapGroup("");
            assets.MapStaticAssets();
            builders.Add(assets);
        });
        // A browser asking for a portal address that does not exist gets the in-app not-found page (with its 404 status),
        // not an empty response; API, gateway and asset callers keep their plain status codes. Before authentication and
        // antiforgery, so the re-executed request passes through them again.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            if (!IsPageRequest(context) && context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
            {
                statusCodePages.Enabled = false;
            }

            return next(context);
        });
        // A form post that does not bind (or fails antiforgery) answers 400 even where the composed host's admin API asks
        // minimal APIs to throw on bad requests (so that it can answer ProblemDetails).
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
            {
                context.Response.StatusCode = ex.StatusCode;
            }
        });
        app.UseSwitchyardAuth();
        app.UseOnce("Antiforgery", a => a.UseAntiforgery());

        builders.Add(app.MapRazorComponents<App>().AddInteractiveServerRenderMode());
        builders.Add(app.MapPortalAccount());
        builders.Add(app.MapPortalAssets());
        builders.Add(app.MapPortalDownloads());
        return new CompositeEndpointConventionBuilder(builders);
    }

    private static bool IsPageRequest(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && context.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true)
        && !context.Request.Path.StartsWithSegments("/api")
        && !context.Request.Path.StartsWithSegments("/v1")
        && !context.Request.Path.StartsWithSegments("/" + PortalAssets.BasePath.TrimEnd('/'));

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        // Only browsers navigating to pages are sent to the login page; API-style callers get a status code.
        var request = context.Request;
        var wantsHtml = request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
        if (!wantsHtml || request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/v1"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
