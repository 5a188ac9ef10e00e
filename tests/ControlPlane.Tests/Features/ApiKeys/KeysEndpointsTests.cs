using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Keys;

namespace Switchyard.ControlPlane.Tests.Features.ApiKeys;

public sealed class KeysEndpointsTests
{
    [Fact]
    public async Task CreateListRevoke_TeamThenKey_ShowsSecretOnceAndRevokes()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var developer = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer, teamId: team.Id);

        var created = await developer.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, "ci", ["mock-gpt"]), SwitchyardJson.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = (await created.Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options))!;
        Assert.StartsWith(VirtualKeyHash.Prefix, key.Secret);
        Assert.Equal(VirtualKeyHash.DisplayPrefix(key.Secret), key.Key.Prefix);
        Assert.Equal("Active", key.Key.Status);

        var stored = await host.WithDbAsync(db => db.VirtualKeys.FindAsync(key.Key.Id).AsTask());
        Assert.Equal(VirtualKeyHash.Compute(key.Secret), stored!.Hash);

        var list = await developer.GetFromJsonAsync<KeyDto[]>($"/api/tenants/{tenant.Id}/keys?teamId={team.Id}", SwitchyardJson.Options);
        var listed = Assert.Single(list!);
        Assert.Equal(key.Key.Id, listed.Id);
        Assert.DoesNotContain(key.Secret, await developer.GetStringAsync($"/api/tenants/{tenant.Id}/keys"));

        var revoked = await developer.PostAsync($"/api/tenants/{tenant.Id}/keys/{key.Key.Id}/revoke", null);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var revokedKey = (await revoked.Content.ReadFromJsonAsync<KeyDto>(SwitchyardJson.Options))!;
        Assert.Equal("Revoked", revokedKey.Status);
        Assert.NotNull(revokedKey.RevokedAt);
    }

    [Fact]
    public async Task CreateKey_MissingName_ValidationProblemNamesField()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, " "), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task CreateKey_TeamOfAnotherTenant_ValidationProblemNamesTeamId()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var a = await host.CreateTenantAsync("A");
        var b = await host.CreateTenantAsync("B");
        var teamOfB = await host.CreateTeamAsync(b.Id, "B team");

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{a.Id}/keys", new CreateKeyRequest(teamOfB.Id, "k"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty("teamId", out _));
    }

    [Fact]
    public async Task CreateKey_FinanceMember_Forbidden()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var finance = await host.MemberClientAsync(tenant.Id, "fin@acme.test", MemberRole.Finance);

        var response = await finance.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, "k"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
