using System.Net;
using System.Net.Http.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Tenants;

public sealed class TenantIsolationTests
{
    [Fact]
    public async Task OtherTenant_DeveloperOfA_Gets404AndCannotRevokeBKeys()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var a = await host.CreateTenantAsync("A");
        var b = await host.CreateTenantAsync("B");
        var teamOfB = await host.CreateTeamAsync(b.Id, "B team");
        var keyOfB = (await (await host.Admin.PostAsJsonAsync($"/api/tenants/{b.Id}/keys", new CreateKeyRequest(teamOfB.Id, "b-key"), SwitchyardJson.Options))
            .Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options))!.Key;
        var developerOfA = await host.MemberClientAsync(a.Id, "dev@a.test", MemberRole.Developer);

        Assert.Equal(HttpStatusCode.NotFound, (await developerOfA.GetAsync($"/api/tenants/{b.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await developerOfA.GetAsync($"/api/tenants/{b.Id}/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await developerOfA.GetAsync($"/api/tenants/{b.Id}/keys/{keyOfB.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await developerOfA.PostAsync($"/api/tenants/{b.Id}/keys/{keyOfB.Id}/revoke", null)).StatusCode);
        // The key id through the caller's own tenant is not found either.
        Assert.Equal(HttpStatusCode.NotFound, (await developerOfA.PostAsync($"/api/tenants/{a.Id}/keys/{keyOfB.Id}/revoke", null)).StatusCode);

        var stored = await host.WithDbAsync(db => db.VirtualKeys.FindAsync(keyOfB.Id).AsTask());
        Assert.Equal(KeyStatus.Active, stored!.Status);
    }

    [Fact]
    public async Task OtherTenant_MemberWhoseRoleIsNotEnough_Gets404ThereAnd403AtHome()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var a = await host.CreateTenantAsync("A");
        var b = await host.CreateTenantAsync("B");
        var teamOfB = await host.CreateTeamAsync(b.Id, "B team");
        var financeOfA = await host.MemberClientAsync(a.Id, "finance@a.test", MemberRole.Finance);

        var keyInB = await financeOfA.PostAsJsonAsync($"/api/tenants/{b.Id}/keys", new CreateKeyRequest(teamOfB.Id, "x"), SwitchyardJson.Options);
        var credentialsOfB = await financeOfA.GetAsync($"/api/tenants/{b.Id}/credentials");
        var keyAtHome = await financeOfA.PostAsJsonAsync($"/api/tenants/{a.Id}/keys", new CreateKeyRequest(teamOfB.Id, "x"), SwitchyardJson.Options);
        var credentialsAtHome = await financeOfA.GetAsync($"/api/tenants/{a.Id}/credentials");

        Assert.Equal(HttpStatusCode.NotFound, keyInB.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, credentialsOfB.StatusCode);
        Assert.Equal("application/problem+json", keyInB.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, keyAtHome.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, credentialsAtHome.StatusCode);
        Assert.Equal("application/problem+json", keyAtHome.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ListTenants_TenantMember_SeesOnlyOwnTenant()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var a = await host.CreateTenantAsync("A");
        await host.CreateTenantAsync("B");
        var adminOfA = await host.MemberClientAsync(a.Id, "admin@a.test", MemberRole.TenantAdmin);

        var tenants = await adminOfA.GetFromJsonAsync<TenantDto[]>("/api/tenants", SwitchyardJson.Options);

        Assert.Equal(a.Id, Assert.Single(tenants!).Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await adminOfA.PostAsJsonAsync("/api/tenants", new CreateTenantRequest("C"), SwitchyardJson.Options)).StatusCode);
    }

    [Fact]
    public async Task CreateTeam_DuplicateName_Conflict()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("A");
        await host.CreateTeamAsync(tenant.Id, "Search");

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/teams", new CreateTeamRequest("Search"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AdminApi_NoCredentials_Unauthorized()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous.GetAsync("/api/tenants")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient("sk-sya-not-a-real-key-0123456789abcdef").GetAsync("/api/tenants")).StatusCode);
    }
}
