using System.Net;
using System.Net.Http.Json;
using Switchyard.ControlPlane.Tests.Features.Teams;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.ApiKeys;

/// <summary>Team scoping of keys: developers see and change only their own teams' keys.</summary>
public sealed class KeyScopeTests
{
    [Fact]
    public async Task Keys_DeveloperOfTeamA_CannotSeeOrTouchTeamBKeys()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var a = await host.CreateTeamAsync(tenant.Id, "A");
        var b = await host.CreateTeamAsync(tenant.Id, "B");
        var devA = await host.MemberClientAsync(tenant.Id, "a@acme.test", MemberRole.Developer, teamId: a.Id);
        var keyA = await TeamMembersEndpointsTests.CreateKeyAsync(devA, tenant.Id, a.Id);
        var keyB = await TeamMembersEndpointsTests.CreateKeyAsync(host.Admin, tenant.Id, b.Id);
        var keys = $"/api/tenants/{tenant.Id}/keys";

        var list = await devA.GetFromJsonAsync<KeyDto[]>(keys, SwitchyardJson.Options);
        var get = await devA.GetAsync($"{keys}/{keyB.Id}");
        var update = await devA.PatchAsJsonAsync($"{keys}/{keyB.Id}", new UpdateKeyRequest(Name: "mine"), SwitchyardJson.Options);
        var revoke = await devA.PostAsync($"{keys}/{keyB.Id}/revoke", null);
        var rotate = await devA.PostAsync($"{keys}/{keyB.Id}/rotate", null);
        var create = await devA.PostAsJsonAsync(keys, new CreateKeyRequest(b.Id, "sneaky"), SwitchyardJson.Options);

        Assert.Equal([keyA.Id], list!.Select(k => k.Id));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, rotate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Contains("teamId", await create.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Active", (await host.Admin.GetFromJsonAsync<KeyDto>($"{keys}/{keyB.Id}", SwitchyardJson.Options))!.Status);
    }

    [Fact]
    public async Task ListKeys_TenantAdminAndFinance_SeeEveryTeam()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var a = await host.CreateTeamAsync(tenant.Id, "A");
        var b = await host.CreateTeamAsync(tenant.Id, "B");
        await TeamMembersEndpointsTests.CreateKeyAsync(host.Admin, tenant.Id, a.Id);
        await TeamMembersEndpointsTests.CreateKeyAsync(host.Admin, tenant.Id, b.Id);
        var admin = await host.MemberClientAsync(tenant.Id, "boss@acme.test", MemberRole.TenantAdmin);
        var finance = await host.MemberClientAsync(tenant.Id, "fin@acme.test", MemberRole.Finance);

        Assert.Equal(2, (await admin.GetFromJsonAsync<KeyDto[]>($"/api/tenants/{tenant.Id}/keys", SwitchyardJson.Options))!.Length);
        Assert.Equal(2, (await finance.GetFromJsonAsync<KeyDto[]>($"/api/tenants/{tenant.Id}/keys", SwitchyardJson.Options))!.Length);
    }

    [Fact]
    public async Task RevokeKey_AnotherMembersPersonalKey_ForbiddenToMemberAllowedToTeamAdmin()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var owner = await host.MemberClientAsync(tenant.Id, "owner@acme.test", MemberRole.Developer, teamId: team.Id);
        var peer = await host.MemberClientAsync(tenant.Id, "peer@acme.test", MemberRole.Developer, teamId: team.Id);
        var lead = await host.MemberClientAsync(tenant.Id, "lead@acme.test", MemberRole.Developer, teamId: team.Id, teamRole: TeamRole.TeamAdmin);
        var key = await TeamMembersEndpointsTests.CreateKeyAsync(owner, tenant.Id, team.Id, personal: true);
        var url = $"/api/tenants/{tenant.Id}/keys/{key.Id}/revoke";

        var byPeer = await peer.PostAsync(url, null);
        var byLead = await lead.PostAsync(url, null);

        Assert.Equal(HttpStatusCode.Forbidden, byPeer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byLead.StatusCode);
    }

    [Fact]
    public async Task CreateKey_Personal_AttributedToCallerWithCreator()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var dev = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer, teamId: team.Id);
        var me = (await dev.GetFromJsonAsync<CurrentUserDto>("/api/me", SwitchyardJson.Options))!;

        var key = await TeamMembersEndpointsTests.CreateKeyAsync(dev, tenant.Id, team.Id, personal: true);
        var byAdminKey = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, "x", Personal: true), SwitchyardJson.Options);

        Assert.Equal(team.Id, Assert.Single(me.Teams!).TeamId);
        Assert.Equal(me.Id, key.OwnerMemberId);
        Assert.Equal($"member:{me.Id:D}", key.CreatedBy);
        Assert.Equal(HttpStatusCode.BadRequest, byAdminKey.StatusCode);
        Assert.Contains("personal", await byAdminKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateMember_Deactivated_SignInRefusedAndPersonalKeysRevokedOnNodes()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var dev = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer, teamId: team.Id);
        var personal = await TeamMembersEndpointsTests.CreateKeyAsync(dev, tenant.Id, team.Id, personal: true);
        var service = await TeamMembersEndpointsTests.CreateKeyAsync(dev, tenant.Id, team.Id);

        var deactivate = await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/members/{personal.OwnerMemberId}", new UpdateMemberRequest(null, Active: false), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.OK, deactivate.StatusCode);
        Assert.False((await deactivate.Content.ReadFromJsonAsync<MemberDto>(SwitchyardJson.Options))!.Active);
        Assert.Equal(HttpStatusCode.Unauthorized, (await dev.GetAsync($"/api/tenants/{tenant.Id}/keys")).StatusCode);
        var login = await host.Anonymous.PostAsJsonAsync("/api/auth/login", new LoginRequest("dev@acme.test", "correct-horse-battery"), SwitchyardJson.Options);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        var snapshot = await host.PublishedSnapshotAsync();
        Assert.Equal(KeyStatus.Revoked, snapshot.Keys.Single(k => k.Id == personal.Id).Status);
        Assert.Equal(KeyStatus.Active, snapshot.Keys.Single(k => k.Id == service.Id).Status);
    }

    [Fact]
    public async Task DeleteMember_PersonalKeysRevoked()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var dev = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer, teamId: team.Id);
        var personal = await TeamMembersEndpointsTests.CreateKeyAsync(dev, tenant.Id, team.Id, personal: true);

        var delete = await host.Admin.DeleteAsync($"/api/tenants/{tenant.Id}/members/{personal.OwnerMemberId}");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal("Revoked", (await host.Admin.GetFromJsonAsync<KeyDto>($"/api/tenants/{tenant.Id}/keys/{personal.Id}", SwitchyardJson.Options))!.Status);
    }
}
