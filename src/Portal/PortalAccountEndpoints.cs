using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Switchyard.Portal.Components.Pages.Account;
using Switchyard.Portal.Services;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal;

/// <summary>
/// The sign-out and tenant-switch endpoints (form POSTs with an antiforgery token; sign-in is the static login page).
/// </summary>
internal static class PortalAccountEndpoints
{
    public static IEndpointConventionBuilder MapPortalAccount(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account");
        account.MapPost("/logout", async (HttpContext context, [FromForm] string? returnUrl) =>
        {
            await context.SignOutAsync(PortalClaims.Scheme);
            return TypedResults.LocalRedirect("/account/login");
        })
        .AllowAnonymous()
        .WithDisplayName("Switchyard portal sign-out");

        // A platform admin switches the portal to another tenant: the session cookie is reissued with the selection (same
        // expiry, same API token). The admin API still decides what the token may see; the name is only displayed.
        account.MapPost("/tenant", async (HttpContext context, [FromForm] Guid tenantId, [FromForm] string? tenantName, [FromForm] string? returnUrl) =>
        {
            var session = await context.AuthenticateAsync(PortalClaims.Scheme);
            if (!session.Succeeded || PortalUser.From(session.Principal) is not { IsPlatformAdmin: true })
            {
                return Results.Forbid();
            }

            await context.SignInAsync(
                PortalClaims.Scheme, PortalUser.SelectTenant(session.Principal, tenantId, tenantName?.Trim() ?? string.Empty), session.Properties);
            return TypedResults.LocalRedirect(LocalReturnUrl.Sanitize(returnUrl));
        })
        .RequireAuthorization(policy => policy.RequireRole(nameof(MemberRole.PlatformAdmin)))
        .WithDisplayName("Switchyard portal tenant switch");
        return account;
    }
}
