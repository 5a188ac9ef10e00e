using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Sso;

public sealed class SsoConfigEndpointsTests
{
    private static SsoConfigRequest Request(string domain, string? secret = "top-secret-value") =>
        new("https://idp.example.test", "client", secret, [domain], SsoOnly: true);

    [Fact]
    public async Task PutThenGet_SecretSealedAndNeverReturned_HasClientSecret()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var put = await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/sso", Request("acme.test"), SwitchyardJson.Options);
        var get = await host.Admin.GetAsync($"/api/tenants/{tenant.Id}/sso");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var body = await get.Content.ReadAsStringAsync();
        Assert.DoesNotContain("top-secret-value", body, StringComparison.Ordinal);
        var dto = (await get.Content.ReadFromJsonAsync<SsoConfigDto>(SwitchyardJson.Options))!;
        Assert.True(dto.HasClientSecret);
        Assert.True(dto.SsoOnly);
        Assert.EndsWith($"/api/auth/sso/{tenant.Id}/callback", dto.RedirectUri, StringComparison.Ordinal);
        var stored = await host.WithDbAsync(db => db.TenantSso.SingleAsync(s => s.TenantId == tenant.Id));
        Assert.DoesNotContain("top-secret-value", stored.ClientSecretProtected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_WithoutSecretWhenOneIsStored_KeepsIt()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        (await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/sso", Request("acme.test"), SwitchyardJson.Options)).EnsureSuccessStatusCode();
        var before = await host.WithDbAsync(db => db.TenantSso.AsNoTracking().SingleAsync(s => s.TenantId == tenant.Id));

        var put = await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/sso", Request("acme.test", secret: null), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var after = await host.WithDbAsync(db => db.TenantSso.AsNoTracking().SingleAsync(s => s.TenantId == tenant.Id));
        Assert.Equal(before.ClientSecretProtected, after.ClientSecretProtected);
    }

    [Fact]
    public async Task Put_DomainOfAnotherTenant_ValidationProblemNamesTheDomain()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var first = await host.CreateTenantAsync("Acme");
        var second = await host.CreateTenantAsync("Other");
        (await host.Admin.PutAsJsonAsync($"/api/tenants/{first.Id}/sso", Request("acme.test"), SwitchyardJson.Options)).EnsureSuccessStatusCode();

        var put = await host.Admin.PutAsJsonAsync($"/api/tenants/{second.Id}/sso", Request("ACME.test"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("allowedDomains[0]", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_MappingToAnotherTenantsTeam_TeamIdNamed()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var other = await host.CreateTenantAsync("Other");
        var foreignTeam = await host.CreateTeamAsync(other.Id, "theirs");

        var put = await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/sso",
            Request("acme.test") with { Mappings = [new SsoMappingDto("g", null, foreignTeam.Id)] }, SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("mappings[0].teamId", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_ReleasesTheDomainForDiscovery()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        (await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/sso", Request("acme.test"), SwitchyardJson.Options)).EnsureSuccessStatusCode();
        var before = await host.Anonymous.GetFromJsonAsync<SsoDiscoveryDto>("/api/auth/sso/discover?email=ann%40acme.test", SwitchyardJson.Options);

        var delete = await host.Admin.DeleteAsync($"/api/tenants/{tenant.Id}/sso");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.True(before!.Sso);
        var after = await host.Anonymous.GetFromJsonAsync<SsoDiscoveryDto>("/api/auth/sso/discover?email=ann%40acme.test", SwitchyardJson.Options);
        Assert.False(after!.Sso);
    }

    [Fact]
    public async Task Get_Developer_Forbidden()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var developer = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer);

        var get = await developer.GetAsync($"/api/tenants/{tenant.Id}/sso");

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
    }

    [Fact]
    public async Task PasswordLogin_SsoOnlyTenant_RefusedWith403()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/members", new CreateMemberRequest("dev@acme.test", "correct-horse-battery", MemberRole.Developer), SwitchyardJson.Options)).EnsureSuccessStatusCode();
        (await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/sso", Request("acme.test"), SwitchyardJson.Options)).EnsureSuccessStatusCode();

        var login = await host.Anonymous.PostAsJsonAsync("/api/auth/login", new LoginRequest("dev@acme.test", "correct-horse-battery"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.Contains("single sign-on", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
