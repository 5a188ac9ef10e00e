using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Switchyard.Portal.Components.Pages.Account;
using Switchyard.Portal.Services;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal;

/// <summary>
/// The sign-out and tenant-switch endpoints (form POSTs with an antiforgery token; sign-in is the static login page) and
/// the end of a single sign-on (<see cref="SsoStart.CompletePath"/>): the control plane returns the browser there with a
/// one-time code, which the portal trades server-side for the member's bearer token and turns into the portal session.
/// </summary>
internal static class PortalAccountEndpoints
{
    public static IEndpointConventionBuilder MapPortalAccount(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("");
        group.MapGet(SsoStart.CompletePath, CompleteSsoAsync)
            .AllowAnonymous()
            .WithDisplayName("Switchyard portal single sign-on completion");
        MapLogout(group);
        MapTenantSwitch(group);
        return group;
    }

    /// <summary>GET /account/sso/complete?sso_code=…&amp;returnUrl=… (or ?sso_error=… when the sign-in was refused).</summary>
    internal static async Task<IResult> CompleteSsoAsync(
        HttpContext context, IControlPlaneClient controlPlane,
        [FromQuery(Name = "sso_code")] string? code, [FromQuery(Name = "sso_error")] string? error, string? returnUrl)
    {
        if (string.IsNullOrEmpty(code))
        {
            return ToLogin(string.IsNullOrWhiteSpace(error) ? "Single sign-on did not complete; try again." : error, returnUrl);
        }

        LoginResponse login;
        try
        {
            login = await controlPlane.ExchangeSsoCodeAsync(code, context.RequestAborted);
        }
        catch (ControlPlaneException ex)
        {
            return ToLogin(ex.Message, returnUrl);
        }

        await PortalSignIn.SignInAsync(context, login);
        return TypedResults.LocalRedirect(LocalReturnUrl.Sanitize(returnUrl));
    }

    private static RedirectHttpResult ToLogin(string message, string? returnUrl) =>
        TypedResults.LocalRedirect(
            $"/account/login?error={Uri.EscapeDataString(message.Length > 300 ? message[..300] : message)}&returnUrl={Uri.EscapeDataString(LocalReturnUrl.Sanitize(returnUrl))}");

    private static void MapLogout(RouteGroupBuilder group) =>
        group.MapPost("/account/logout", async (HttpContext context, [FromForm] string? returnUrl) =>
        {
            await context.SignOutAsync(PortalClaims.Scheme);
            return TypedResults.LocalRedirect("/account/login");
        })
        .AllowAnonymous()
        .WithDisplayName("Switchyard portal sign-out");

    // A platform admin switches the portal to another tenant: the session cookie is reissued with the selection (same
    // expiry, same API token). The admin API is asked for the tenant first, with the session's token: a tenant it does not
    // know (404) is refused and the session stays as it was; the name shown is the API's, not the form's. The admin API
    // still decides what the token may see.
    private static void MapTenantSwitch(RouteGroupBuilder group) =>
        group.MapPost("/account/tenant", async (HttpContext context, IHttpClientFactory clients, [FromForm] Guid tenantId, [FromForm] string? returnUrl) =>
        {
            var session = await context.AuthenticateAsync(PortalClaims.Scheme);
            if (!session.Succeeded || PortalUser.From(session.Principal) is not { IsPlatformAdmin: true }
                || session.Principal.FindFirst(PortalClaims.ApiToken)?.Value is not { Length: > 0 } token)
            {
                return Results.Forbid();
            }

            using var http = clients.CreateClient(ControlPlaneClient.HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/tenants/{tenantId}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            TenantDto? tenant;
            try
            {
                using var answer = await http.SendAsync(request, context.RequestAborted);
                if (!answer.IsSuccessStatusCode)
                {
                    return Results.Problem(
                        statusCode: (int)answer.StatusCode,
                        detail: answer.StatusCode == HttpStatusCode.NotFound ? "The tenant does not exist." : "The tenant cannot be opened.");
                }

                tenant = await answer.Content.ReadFromJsonAsync<TenantDto>(SwitchyardJson.Options, context.RequestAborted);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !context.RequestAborted.IsCancellationRequested))
            {
                return Results.Problem(statusCode: StatusCodes.Status502BadGateway, detail: ProblemMessages.Unreachable);
            }

            if (tenant is null || tenant.Id != tenantId)
            {
                return Results.Problem(statusCode: StatusCodes.Status502BadGateway, detail: "The admin API answered with another tenant.");
            }

            await context.SignInAsync(PortalClaims.Scheme, PortalUser.SelectTenant(session.Principal, tenant.Id, tenant.Name), session.Properties);
            return TypedResults.LocalRedirect(LocalReturnUrl.Sanitize(returnUrl));
        })
        .RequireAuthorization(policy => policy.RequireRole(nameof(MemberRole.PlatformAdmin)))
        .WithDisplayName("Switchyard portal tenant switch");
}
