using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Features.TwoFactor;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Auth;

public static class AuthExtensions
{
    /// <summary>
    /// Identity (members), the Identity cookie and bearer schemes, the admin-key scheme, the "Switchyard" policy scheme
    /// that picks between them, and the <see cref="AdminPolicies"/>. Sets no default scheme and no fallback policy: a
    /// composed host's other parts keep theirs.
    /// The policy scheme authenticates through <see cref="CurrentMemberAuthenticationHandler"/>, which reads a member's
    /// current role and tenant per request; challenge and forbid go straight to the selected scheme.
    /// </summary>
    public static WebApplicationBuilder AddControlPlaneAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentityCore<Member>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // User names are email addresses or an identity provider's user names: any letter (zoë@bücher.example), not
                // Identity's default ASCII set. Uniqueness and look-ups go by the normalised (upper-cased) name.
                o.User.AllowedUserNameCharacters = string.Empty;
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version1;
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<ControlPlaneDbContext>()
            .AddClaimsPrincipalFactory<MemberClaimsPrincipalFactory>()
            .AddPasswordValidator<Features.TenantSettings.TenantPasswordValidator>();
        builder.AddTwoFactor();

        services.AddScoped<SignInTimingEqualizer>();
        services.AddOptions<SignInRateLimitOptions>().BindConfiguration(SignInRateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o => o.AddPolicy<string, SignInRateLimiterPolicy>(SignInRateLimiterPolicy.Name));

        services.AddAuthentication()
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = AuthSchemes.IdentityCookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = context => SetStatus(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => SetStatus(context, StatusCodes.Status403Forbidden);
            })
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddScheme<AuthenticationSchemeOptions, AdminKeyAuthenticationHandler>(AuthSchemes.AdminKey, null)
            .AddScheme<AuthenticationSchemeOptions, CurrentMemberAuthenticationHandler>(AuthSchemes.CurrentMember, null)
            .AddPolicyScheme(AuthSchemes.Switchyard, "Switchyard admin API", o =>
            {
                o.ForwardDefaultSelector = SelectScheme;
                o.ForwardAuthenticate = AuthSchemes.CurrentMember;
            });

        services.AddAuthorizationBuilder().AddAdminPolicies();
        services.AddSingleton<IAuthorizationHandler, TenantAccessHandler>();
        services.AddSingleton<IAuthorizationHandler, TeamAdminHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AdminAuthorizationResultHandler>();
        return builder;
    }

    /// <summary>Admin keys by their prefix, other bearer tokens as Identity bearer tokens, everything else by the cookie.</summary>
    internal static string SelectScheme(HttpContext context)
    {
        string? authorization = context.Request.Headers.Authorization;
        if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization.AsSpan(7).TrimStart().StartsWith(Features.AdminKeys.AdminKeyFormat.Prefix, StringComparison.Ordinal)
                ? AuthSchemes.AdminKey
                : IdentityConstants.BearerScheme;
        }

        return IdentityConstants.ApplicationScheme;
    }

    private static Task SetStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
