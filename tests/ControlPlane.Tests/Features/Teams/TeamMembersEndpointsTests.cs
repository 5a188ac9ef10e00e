using System.Net;
using System.Net.Http.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Teams;

public sealed class TeamMembersEndpointsTests
{
    [Fact]
    public async Task SetTeamMember_TenantAdminAddsDeveloper_ListedOnTeamAndOnMember()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var admin = await host.MemberClientAsync(tenant.Id, "boss@acme.test", MemberRole.TenantAdmin);
        var dev = await CreateMemberAsync(host, tenant.Id, "dev@acme.test");

        var put = await admin.PutAsJsonAsync(MembersUrl(tenant.Id, team.Id, dev.Id), new SetTeamMemberRequest(TeamRole.TeamAdmin), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Contains("\"team-admin\"", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var listed = Assert.Single((await admin.GetFromJsonAsync<TeamMemberDto[]>(MembersUrl(tenant.Id, team.Id), SwitchyardJson.Options))!);
        Assert.Equal((dev.Id, TeamRole.TeamAdmin), (listed.MemberId, listed.Role));
        var members = await admin.GetFromJsonAsync<MemberDto[]>($"/api/tenants/{tenant.Id}/members", SwitchyardJson.Options);
        var teams = Assert.Single(members!, m => m.Id == dev.Id).Teams!;
        Assert.Equal(new MemberTeamDto(team.Id, "Search", TeamRole.TeamAdmin), Assert.Single(teams));
    }

    [Fact]
    public async Task SetAndRemoveTeamMember_TeamAdminOfTheTeam_AllowedButNotInAnotherTeam()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var search = await host.CreateTeamAsync(tenant.Id, "Search");
        var billing = await host.CreateTeamAsync(tenant.Id, "Billing");
        var lead = await host.MemberClientAsync(tenant.Id, "lead@acme.test", MemberRole.Developer, teamId: search.Id, teamRole: TeamRole.TeamAdmin);
        var dev = await CreateMemberAsync(host, tenant.Id, "dev@acme.test");

        var add = await lead.PutAsJsonAsync(MembersUrl(tenant.Id, search.Id, dev.Id), new SetTeamMemberRequest(), SwitchyardJson.Options);
        var addElsewhere = await lead.PutAsJsonAsync(MembersUrl(tenant.Id, billing.Id, dev.Id), new SetTeamMemberRequest(), SwitchyardJson.Options);
        var remove = await lead.DeleteAsync(MembersUrl(tenant.Id, search.Id, dev.Id));

        Assert.Equal(HttpStatusCode.OK, add.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, addElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        Assert.DoesNotContain(await host.Admin.GetFromJsonAsync<TeamMemberDto[]>(MembersUrl(tenant.Id, search.Id), SwitchyardJson.Options) ?? [], m => m.MemberId == dev.Id);
    }

    [Fact]
    public async Task SetTeamMember_PlainTeamMember_Forbidden()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var member = await host.MemberClientAsync(tenant.Id, "m@acme.test", MemberRole.Developer, teamId: team.Id);
        var dev = await CreateMemberAsync(host, tenant.Id, "dev@acme.test");

        var add = await member.PutAsJsonAsync(MembersUrl(tenant.Id, team.Id, dev.Id), new SetTeamMemberRequest(), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
    }

    [Fact]
    public async Task SetTeamMember_MemberOfAnotherTenant_NotFound()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var acme = await host.CreateTenantAsync("Acme");
        var globex = await host.CreateTenantAsync("Globex");
        var team = await host.CreateTeamAsync(acme.Id, "Search");
        var stranger = await CreateMemberAsync(host, globex.Id, "x@globex.test");

        var add = await host.Admin.PutAsJsonAsync(MembersUrl(acme.Id, team.Id, stranger.Id), new SetTeamMemberRequest(), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.NotFound, add.StatusCode);
    }

    [Fact]
    public async Task RemoveTeamMember_PersonalKeysRevokedInSnapshot_ServiceKeysStay()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var dev = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer, teamId: team.Id);
        var personal = await CreateKeyAsync(dev, tenant.Id, team.Id, personal: true);
        var service = await CreateKeyAsync(dev, tenant.Id, team.Id, personal: false);
        var devId = personal.OwnerMemberId!.Value;

        var remove = await host.Admin.DeleteAsync(MembersUrl(tenant.Id, team.Id, devId));

        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        var snapshot = await host.PublishedSnapshotAsync();
        Assert.Equal(KeyStatus.Revoked, snapshot.Keys.Single(k => k.Id == personal.Id).Status);
        Assert.Equal(KeyStatus.Active, snapshot.Keys.Single(k => k.Id == service.Id).Status);
        var listed = await dev.GetAsync($"/api/tenants/{tenant.Id}/keys/{service.Id}");
        Assert.Equal(HttpStatusCode.NotFound, listed.StatusCode);
    }

    [Fact]
    public async Task UpdateTeam_TeamAdminLimits_WithinTenantAllowedAboveForbiddenRenameForbidden()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        (await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest(Limits: new RateLimits(RequestsPerMinute: 100)), SwitchyardJson.Options))
            .EnsureSuccessStatusCode();
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var lead = await host.MemberClientAsync(tenant.Id, "lead@acme.test", MemberRole.Developer, teamId: team.Id, teamRole: TeamRole.TeamAdmin);
        var url = $"/api/tenants/{tenant.Id}/teams/{team.Id}";

        var within = await lead.PatchAsJsonAsync(url, new UpdateTeamRequest(Limits: new RateLimits(RequestsPerMinute: 50)), SwitchyardJson.Options);
        var above = await lead.PatchAsJsonAsync(url, new UpdateTeamRequest(Limits: new RateLimits(RequestsPerMinute: 500)), SwitchyardJson.Options);
        var rename = await lead.PatchAsJsonAsync(url, new UpdateTeamRequest(Name: "Mine"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.OK, within.StatusCode);
        Assert.Equal(50, (await within.Content.ReadFromJsonAsync<TeamDto>(SwitchyardJson.Options))!.Limits!.RequestsPerMinute);
        Assert.Equal(HttpStatusCode.Forbidden, above.StatusCode);
        Assert.Contains("requestsPerMinute", await above.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, rename.StatusCode);
    }

    internal static string MembersUrl(Guid tenantId, Guid teamId, Guid? memberId = null) =>
        $"/api/tenants/{tenantId}/teams/{teamId}/members" + (memberId is { } id ? $"/{id}" : "");

    internal static async Task<MemberDto> CreateMemberAsync(ControlPlaneTestHost host, Guid tenantId, string email, MemberRole role = MemberRole.Developer)
    {
        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenantId}/members", new CreateMemberRequest(email, "correct-horse-battery", role), SwitchyardJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<MemberDto>(SwitchyardJson.Options))!;
    }

    internal static async Task<KeyDto> CreateKeyAsync(HttpClient client, Guid tenantId, Guid teamId, bool personal = false)
    {
        var response = await client.PostAsJsonAsync($"/api/tenants/{tenantId}/keys", new CreateKeyRequest(teamId, personal ? "mine" : "service", Personal: personal), SwitchyardJson.Options);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options))!.Key;
    }
}
