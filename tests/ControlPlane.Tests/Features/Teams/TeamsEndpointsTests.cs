using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Teams;

public sealed class TeamsEndpointsTests
{
    [Fact]
    public async Task UpdateTeam_TenantAdminRenames_Renamed()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var admin = await host.MemberClientAsync(tenant.Id, "boss@acme.test", MemberRole.TenantAdmin);

        var response = await admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/teams/{team.Id}", new UpdateTeamRequest("Discovery"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var teams = await admin.GetFromJsonAsync<TeamDto[]>($"/api/tenants/{tenant.Id}/teams", SwitchyardJson.Options);
        Assert.Equal("Discovery", Assert.Single(teams!).Name);
    }

    [Fact]
    public async Task UpdateTeam_NameOfAnotherTeam_Conflict()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        await host.CreateTeamAsync(tenant.Id, "Ads");

        var response = await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/teams/{team.Id}", new UpdateTeamRequest("Ads"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UpdateTeam_BlankName_ValidationProblemNamesName()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");

        var response = await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/teams/{team.Id}", new UpdateTeamRequest(""), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task UpdateAndDeleteTeam_Developer_Forbidden()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var developer = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer);

        var rename = await developer.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/teams/{team.Id}", new UpdateTeamRequest("Mine"), SwitchyardJson.Options);
        var delete = await developer.DeleteAsync($"/api/tenants/{tenant.Id}/teams/{team.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, rename.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
    }

    [Fact]
    public async Task UpdateAndDeleteTeam_TeamOfAnotherTenant_NotFound()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var a = await host.CreateTenantAsync("A");
        var b = await host.CreateTenantAsync("B");
        var teamOfB = await host.CreateTeamAsync(b.Id, "B team");
        var adminOfA = await host.MemberClientAsync(a.Id, "boss@a.test", MemberRole.TenantAdmin);

        Assert.Equal(HttpStatusCode.NotFound, (await adminOfA.PatchAsJsonAsync($"/api/tenants/{a.Id}/teams/{teamOfB.Id}", new UpdateTeamRequest("x"), SwitchyardJson.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminOfA.DeleteAsync($"/api/tenants/{a.Id}/teams/{teamOfB.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminOfA.DeleteAsync($"/api/tenants/{b.Id}/teams/{teamOfB.Id}")).StatusCode);
        Assert.True(await host.WithDbAsync(db => db.Teams.AnyAsync(t => t.Id == teamOfB.Id)));
    }

    [Fact]
    public async Task DeleteTeam_NothingRefersToIt_DeletedAndRevisionBumped()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var before = await host.WithDbAsync(db => db.ConfigRevisions.MaxAsync(r => r.Revision));

        var response = await host.Admin.DeleteAsync($"/api/tenants/{tenant.Id}/teams/{team.Id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty((await host.Admin.GetFromJsonAsync<TeamDto[]>($"/api/tenants/{tenant.Id}/teams", SwitchyardJson.Options))!);
        Assert.Equal(before + 1, await host.WithDbAsync(db => db.ConfigRevisions.MaxAsync(r => r.Revision)));
    }

    [Fact]
    public async Task DeleteTeam_ActiveKey_ConflictSaysRevokeFirst()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        await CreateKeyAsync(host, tenant.Id, team.Id);

        var response = await host.Admin.DeleteAsync($"/api/tenants/{tenant.Id}/teams/{team.Id}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("revoke them first", await DetailAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteTeam_OnlyRevokedKeys_ConflictKeepsHistory()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var key = await CreateKeyAsync(host, tenant.Id, team.Id);
        (await host.Admin.PostAsync($"/api/tenants/{tenant.Id}/keys/{key.Key.Id}/revoke", null)).EnsureSuccessStatusCode();

        var response = await host.Admin.DeleteAsync($"/api/tenants/{tenant.Id}/teams/{team.Id}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("revoked keys", await DetailAsync(response), StringComparison.Ordinal);
        Assert.True(await host.WithDbAsync(db => db.Teams.AnyAsync(t => t.Id == team.Id)));
    }

    [Fact]
    public async Task DeleteTeam_UsageRecordsOnly_ConflictKeepsHistory()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        await host.WithDbAsync(db =>
        {
            db.UsageRecords.Add(new UsageRecordEntity
            {
                Id = Guid.NewGuid(), Timestamp = DateTimeOffset.UtcNow, NodeId = "n1", TenantId = tenant.Id, TeamId = team.Id,
                KeyId = Guid.NewGuid(), Endpoint = "chat", Model = "m", StatusCode = 200,
            });
            return db.SaveChangesAsync();
        });

        var response = await host.Admin.DeleteAsync($"/api/tenants/{tenant.Id}/teams/{team.Id}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Usage records", await DetailAsync(response), StringComparison.Ordinal);
    }

    private static async Task<CreatedKeyDto> CreateKeyAsync(ControlPlaneTestHost host, Guid tenantId, Guid teamId)
    {
        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenantId}/keys", new CreateKeyRequest(teamId, "k"), SwitchyardJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options))!;
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("detail").GetString() ?? "";
    }
}
