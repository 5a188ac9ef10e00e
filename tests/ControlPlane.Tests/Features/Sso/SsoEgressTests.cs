using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Sso;

/// <summary>
/// The control plane's calls to a tenant's identity provider go through the egress policy: the issuer is checked when the
/// configuration is saved, and every backchannel call (here the discovery document at the start of a sign-in) connects
/// only to an address the policy allows, with <c>Egress:*</c> and the platform's allow-list as for other outbound calls.
/// </summary>
public sealed class SsoEgressTests
{
    [Fact]
    public async Task Put_LoopbackIssuerOutsideEgressPolicy_ValidationProblemNamesIssuer()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var response = await PutSsoAsync(host, tenant.Id, "http://127.0.0.1:9");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"issuer\"", body, StringComparison.Ordinal);
        Assert.Contains("egress policy refuses the issuer", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_LoopbackIssuerAllowedByEgressSetting_Saved()
    {
        await using var host = await ControlPlaneTestHost.StartAsync(new Dictionary<string, string?> { ["Egress:AllowedNetworks:0"] = "127.0.0.1/32" });
        var tenant = await host.CreateTenantAsync("Acme");

        var response = await PutSsoAsync(host, tenant.Id, "http://127.0.0.1:9");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Login_IssuerOnPlatformAllowList_MetadataFetchedAndBrowserSentToTheProvider()
    {
        await using var idp = await MetadataServer.StartAsync();
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        await SetPlatformAllowListAsync(host, ["127.0.0.1/32"]);
        (await PutSsoAsync(host, tenant.Id, idp.Issuer)).EnsureSuccessStatusCode();

        var response = await host.Anonymous.GetAsync($"/api/auth/sso/{tenant.Id}/login?returnUrl=%2F");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(idp.Issuer + "/auth?", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("/.well-known/openid-configuration", idp.Requests);
    }

    [Fact]
    public async Task Login_IssuerNoLongerAllowed_BackToReturnUrlWithEgressReasonAndProviderNeverCalled()
    {
        await using var idp = await MetadataServer.StartAsync();
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        await SetPlatformAllowListAsync(host, ["127.0.0.1/32"]);
        (await PutSsoAsync(host, tenant.Id, idp.Issuer)).EnsureSuccessStatusCode();
        await SetPlatformAllowListAsync(host, []);

        var response = await host.Anonymous.GetAsync($"/api/auth/sso/{tenant.Id}/login?returnUrl=%2Faccount%2Flogin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/account/login?", location, StringComparison.Ordinal);
        Assert.Contains("the egress policy refuses 127.0.0.1 (loopback)", WebUtility.UrlDecode(location), StringComparison.Ordinal);
        Assert.Empty(idp.Requests);
    }

    [Fact]
    public async Task Login_DiscoveryAnsweredWithRedirect_BackToReturnUrlSayingRedirectsAreNotFollowed()
    {
        await using var idp = await MetadataServer.StartAsync(redirectDiscovery: true);
        await using var host = await ControlPlaneTestHost.StartAsync(new Dictionary<string, string?> { ["Egress:AllowedNetworks:0"] = "127.0.0.1/32" });
        var tenant = await host.CreateTenantAsync("Acme");
        (await PutSsoAsync(host, tenant.Id, idp.Issuer)).EnsureSuccessStatusCode();

        var response = await host.Anonymous.GetAsync($"/api/auth/sso/{tenant.Id}/login?returnUrl=%2Faccount%2Flogin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = WebUtility.UrlDecode(response.Headers.Location!.ToString());
        Assert.StartsWith("/account/login?", location, StringComparison.Ordinal);
        Assert.Contains(
            $"answered {idp.Issuer}/.well-known/openid-configuration with a redirect (HTTP 302 to https://login.elsewhere.test/.well-known/openid-configuration), which single sign-on does not follow",
            location, StringComparison.Ordinal);
        Assert.DoesNotContain("session=", location, StringComparison.Ordinal);
        Assert.Equal(["/.well-known/openid-configuration"], idp.Requests);
    }

    private static Task<HttpResponseMessage> PutSsoAsync(ControlPlaneTestHost host, Guid tenantId, string issuer) =>
        host.Admin.PutAsJsonAsync($"/api/tenants/{tenantId}/sso", new SsoConfigRequest(issuer, "client", "secret", ["acme.test"]), SwitchyardJson.Options);

    private static async Task SetPlatformAllowListAsync(ControlPlaneTestHost host, IReadOnlyList<string> networks)
    {
        var response = await host.Admin.PutAsJsonAsync("/api/platform/egress", new EgressPolicyRequest([], networks), SwitchyardJson.Options);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>An identity provider's discovery document and (empty) key set on 127.0.0.1, recording the paths asked for.</summary>
    private sealed class MetadataServer : IAsyncDisposable
    {
        private WebApplication _app = null!;

        public ConcurrentBag<string> Requests { get; } = [];

        public string Issuer { get; private set; } = "";

        /// <param name="redirectDiscovery">Answer the discovery document with a redirect to another host (with a query).</param>
        public static async Task<MetadataServer> StartAsync(bool redirectDiscovery = false)
        {
            var server = new MetadataServer();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            server._app = builder.Build();
            server._app.Use((context, next) =>
            {
                server.Requests.Add(context.Request.Path.Value ?? "");
                return next(context);
            });
            server._app.MapGet("/.well-known/openid-configuration", () => redirectDiscovery
                ? Results.Redirect("https://login.elsewhere.test/.well-known/openid-configuration?session=secret")
                : Results.Text(
                $$"""{"issuer":"{{server.Issuer}}","authorization_endpoint":"{{server.Issuer}}/auth","token_endpoint":"{{server.Issuer}}/token","jwks_uri":"{{server.Issuer}}/jwks","response_types_supported":["code"],"subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}""",
                "application/json"));
            server._app.MapGet("/jwks", () => Results.Text("""{"keys":[]}""", "application/json"));
            await server._app.StartAsync();
            server.Issuer = server._app.Urls.First().TrimEnd('/');
            return server;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
