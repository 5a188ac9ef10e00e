using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Auth;

public sealed class LoginTests
{
    private const string Password = "correct-horse-battery";

    [Fact]
    public async Task Login_RightPassword_TokenAuthenticatesMe()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/members", new CreateMemberRequest("ann@acme.test", Password, MemberRole.TenantAdmin), SwitchyardJson.Options);

        var response = await host.Anonymous.PostAsJsonAsync("/api/auth/login", new LoginRequest("ann@acme.test", Password), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var login = (await response.Content.ReadFromJsonAsync<LoginResponse>(SwitchyardJson.Options))!;
        Assert.Equal(tenant.Id, login.User.TenantId);
        Assert.Equal("Acme", login.User.TenantName);
        Assert.True(login.ExpiresAt > DateTimeOffset.UtcNow);
        var me = await host.CreateClient(login.AccessToken).GetFromJsonAsync<CurrentUserDto>("/api/me", SwitchyardJson.Options);
        Assert.Equal("ann@acme.test", me!.Email);
        Assert.Equal(MemberRole.TenantAdmin, me.Role);
    }

    [Fact]
    public async Task Login_UseCookies_CookieAuthenticatesMe()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/members", new CreateMemberRequest("ann@acme.test", Password, MemberRole.Developer), SwitchyardJson.Options);

        var response = await host.Anonymous.PostAsJsonAsync("/api/auth/login?useCookies=true", new LoginRequest("ann@acme.test", Password), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".Switchyard.Identity=", StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        var me = await host.Anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Login_WrongPassword_Unauthorized()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/members", new CreateMemberRequest("ann@acme.test", Password, MemberRole.Developer), SwitchyardJson.Options);

        var wrong = await host.Anonymous.PostAsJsonAsync("/api/auth/login", new LoginRequest("ann@acme.test", "not-the-password"), SwitchyardJson.Options);
        var unknown = await host.Anonymous.PostAsJsonAsync("/api/auth/login", new LoginRequest("nobody@acme.test", Password), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task Login_FiveFailures_LockedOutEvenWithRightPassword()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/members", new CreateMemberRequest("ann@acme.test", Password, MemberRole.Developer), SwitchyardJson.Options);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await host.Anonymous.PostAsJsonAsync("/api/auth/login", new LoginRequest("ann@acme.test", "wrong-password-" + i), SwitchyardJson.Options)).StatusCode);
        }

        var locked = await host.Anonymous.PostAsJsonAsync("/api/auth/login", new LoginRequest("ann@acme.test", Password), SwitchyardJson.Options);

        Assert.All(statuses.Take(4), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
        using var body = JsonDocument.Parse(await locked.Content.ReadAsStringAsync());
        Assert.Contains("locked", body.RootElement.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CreateMember_ShortPassword_ValidationProblemNamesPassword()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/members", new CreateMemberRequest("ann@acme.test", "short", MemberRole.Developer), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task CreateMember_TenantAdminGrantsPlatformAdmin_ValidationProblemNamesRole()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var tenantAdmin = await host.MemberClientAsync(tenant.Id, "boss@acme.test", MemberRole.TenantAdmin);

        var response = await tenantAdmin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/members", new CreateMemberRequest("eve@acme.test", Password, MemberRole.PlatformAdmin), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty("role", out _));
    }
}
