using System.Net;
using System.Net.Http.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Auth;

/// <summary>Cookie-authenticated writes need the anti-forgery header; bearer tokens and admin keys do not.</summary>
public sealed class CookieCsrfProtectionTests
{
    private const string Password = "correct-horse-battery";

    [Fact]
    public async Task Revoke_CrossSiteFormPostWithTheCookie_Refused403AndKeyStaysActive()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, key, cookie) = await KeyAndMemberCookieAsync(host);

        // What a page on another origin can make the browser send: a simple form POST, the cookie attached.
        using var forged = new HttpRequestMessage(HttpMethod.Post, $"/api/tenants/{tenant}/keys/{key}/revoke")
        {
            Content = new FormUrlEncodedContent([]),
        };
        forged.Headers.Add("Cookie", cookie);
        forged.Headers.Add("Origin", "http://evil.example");
        var response = await host.Anonymous.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Switchyard-Csrf", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = await host.Admin.GetFromJsonAsync<KeyDto>($"/api/tenants/{tenant}/keys/{key}", SwitchyardJson.Options);
        Assert.Null(stored!.RevokedAt);
    }

    [Fact]
    public async Task Revoke_CookieWithTheAntiForgeryHeader_Succeeds()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, key, cookie) = await KeyAndMemberCookieAsync(host);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tenants/{tenant}/keys/{key}/revoke");
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("X-Switchyard-Csrf", "1");
        var response = await host.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Revoke_BearerTokenWithoutTheHeader_Succeeds()
    {
        // How the portal (server side) and scripts call the API: a bearer token, never the cookie.
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "search");
        var developer = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer, Password, team.Id);
        var created = await developer.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, "app"), SwitchyardJson.Options);
        var key = (await created.Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options))!.Key.Id;

        var response = await developer.PostAsync($"/api/tenants/{tenant.Id}/keys/{key}/revoke", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_CookieWithoutTheHeader_Succeeds()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, _, cookie) = await KeyAndMemberCookieAsync(host);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/tenants/{tenant}/keys");
        request.Headers.Add("Cookie", cookie);
        var response = await host.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<(Guid Tenant, Guid Key, string Cookie)> KeyAndMemberCookieAsync(ControlPlaneTestHost host)
    {
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "search");
        var member = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/members", new CreateMemberRequest("dev@acme.test", Password, MemberRole.Developer), SwitchyardJson.Options);
        member.EnsureSuccessStatusCode();
        await host.JoinTeamAsync(tenant.Id, team.Id, (await member.Content.ReadFromJsonAsync<MemberDto>(SwitchyardJson.Options))!.Id);
        var created = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, "app"), SwitchyardJson.Options);
        var key = (await created.Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options))!.Key.Id;
        var login = await host.Anonymous.PostAsJsonAsync("/api/auth/login?useCookies=true", new LoginRequest("dev@acme.test", Password), SwitchyardJson.Options);
        login.EnsureSuccessStatusCode();
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".Switchyard.Identity=", StringComparison.Ordinal)).Split(';')[0];
        return (tenant.Id, key, cookie);
    }
}
