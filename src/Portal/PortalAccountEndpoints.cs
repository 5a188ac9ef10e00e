using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Switchyard.Portal.Services;

namespace Switchyard.Portal;

/// <summary>The sign-out endpoint (a form POST with an antiforgery token; sign-in is the static login page).</summary>
internal static class PortalAccountEndpoints
{
    public static IEndpointConventionBuilder MapPortalAccount(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/account/logout", async (HttpContext context, [FromForm] string? returnUrl) =>
        {
            await context.SignOutAsync(PortalClaims.Scheme);
            return TypedResults.LocalRedirect("/account/login");
        })
        .AllowAnonymous()
        .WithDisplayName("Switchyard portal sign-out");
}
