using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Portal.Components.Pages.Account;
using Switchyard.Portal.Services;
using Switchyard.ServiceDefaults;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests;

/// <summary>
/// The tenant switch (<c>POST /account/tenant</c>) over real HTTP: the portal's own services, cookie session and
/// antiforgery (<see cref="PortalExtensions.AddPortal"/>), a fake admin API behind it, a browser with a cookie jar in front.
/// </summary>
public sealed class PortalAccountEndpointsTests : IAsyncLifetime
{
    private static readonly Guid Home = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid Other = Guid.Parse("22222222-2222-2222-2222-222222222222");
    private readonly string _keys = Path.Combine(Path.GetTempPath(), "switchyard-portal-account-" + Guid.NewGuid().ToString("N"));
    private readonly List<(string Path, string Authorization)> _apiCalls = [];
    private WebApplication _api = null!;
    private WebApplication _portal = null!;
    private HttpClient _browser = null!;

    public async Task InitializeAsync()
    {
        _api = Start(WebApplication.CreateSlimBuilder());
        _api.MapGet("/api/tenants/{tenantId:guid}", (Guid tenantId, HttpContext context) =>
        {
            _apiCalls.Add((context.Request.Path, context.Request.Headers.Authorization.ToString()));
            return tenantId == Other || tenantId == Home
                ? Results.Json(new TenantDto(tenantId, tenantId == Other ? "Fabrikam" : "Platform", true, DateTimeOffset.UnixEpoch), SwitchyardJson.Options)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "The tenant was not found.");
        });
        await _api.StartAsync();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration["Portal:ControlPlaneUrl"] = Address(_api);
        builder.Configuration["Portal:DataDirectory"] = _keys;
        builder.AddPortal();
        _portal = Start(builder);
        _portal.UseSwitchyardAuth();
        _portal.UseAntiforgery();
        _portal.MapPortalAccount();
        // Stand-ins for the login page (a session from the control plane's answer) and a page's form (its antiforgery token).
        _portal.MapPost("/test/sign-in", (HttpContext context, [FromQuery] MemberRole role) => PortalSignIn.SignInAsync(context, new LoginResponse(
            "member-token", DateTimeOffset.UtcNow.AddHours(1), new CurrentUserDto(Guid.NewGuid(), "root@acme.test", Home, "Platform", role))));
        _portal.MapGet("/test/antiforgery", (HttpContext context, IAntiforgery antiforgery) => antiforgery.GetAndStoreTokens(context).RequestToken);
        _portal.MapGet("/test/me", (HttpContext context) => PortalUser.From(context.User) is { } user ? $"{user.TenantId}|{user.TenantName}" : "anonymous");
        await _portal.StartAsync();
        _browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(Address(_portal)) };
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _portal.DisposeAsync();
        await _api.DisposeAsync();
        if (Directory.Exists(_keys))
        {
            Directory.Delete(_keys, recursive: true);
        }
    }

    [Fact]
    public async Task SwitchTenant_PlatformAdmin_SessionWorksOnTheTenantNamedByTheApi()
    {
        await SignInAsync(MemberRole.PlatformAdmin);

        using var response = await SwitchAsync(Other, await AntiforgeryTokenAsync(), tenantName: "Forged name", returnUrl: "/keys");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/keys", response.Headers.Location?.OriginalString);
        Assert.Equal($"{Other}|Fabrikam", await _browser.GetStringAsync("/test/me"));
        Assert.Equal(($"/api/tenants/{Other}", "Bearer member-token"), Assert.Single(_apiCalls));
    }

    [Theory]
    [InlineData(MemberRole.TenantAdmin)]
    [InlineData(MemberRole.Developer)]
    public async Task SwitchTenant_NotPlatformAdmin_RefusedAndTenantUnchanged(MemberRole role)
    {
        await SignInAsync(role);

        using var response = await SwitchAsync(Other, await AntiforgeryTokenAsync());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal($"{Home}|Platform", await _browser.GetStringAsync("/test/me"));
        Assert.Empty(_apiCalls);
    }

    [Fact]
    public async Task SwitchTenant_UnknownTenant_NotFoundAndTenantUnchanged()
    {
        await SignInAsync(MemberRole.PlatformAdmin);

        using var response = await SwitchAsync(Guid.NewGuid(), await AntiforgeryTokenAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal($"{Home}|Platform", await _browser.GetStringAsync("/test/me"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task SwitchTenant_WithoutValidAntiforgeryToken_BadRequestAndTenantUnchanged(string? token)
    {
        await SignInAsync(MemberRole.PlatformAdmin);
        await AntiforgeryTokenAsync(); // the cookie half is there, as on a page; the form's half is missing or wrong

        using var response = await SwitchAsync(Other, token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"{Home}|Platform", await _browser.GetStringAsync("/test/me"));
        Assert.Empty(_apiCalls);
    }

    [Fact]
    public async Task SwitchTenant_NotSignedIn_RefusedWithoutCallingTheApi()
    {
        using var response = await SwitchAsync(Other, await AntiforgeryTokenAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("anonymous", await _browser.GetStringAsync("/test/me"));
        Assert.Empty(_apiCalls);
    }

    private async Task SignInAsync(MemberRole role)
    {
        using var response = await _browser.PostAsync($"/test/sign-in?role={role}", null);
        response.EnsureSuccessStatusCode();
    }

    private Task<string> AntiforgeryTokenAsync() => _browser.GetStringAsync("/test/antiforgery");

    private Task<HttpResponseMessage> SwitchAsync(Guid tenantId, string? antiforgeryToken, string tenantName = "", string returnUrl = "/")
    {
        var form = new Dictionary<string, string> { ["tenantId"] = tenantId.ToString(), ["tenantName"] = tenantName, ["returnUrl"] = returnUrl };
        if (antiforgeryToken is not null)
        {
            form["__RequestVerificationToken"] = antiforgeryToken;
        }

        return _browser.PostAsync("/account/tenant", new FormUrlEncodedContent(form));
    }

    private static WebApplication Start(WebApplicationBuilder builder)
    {
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
