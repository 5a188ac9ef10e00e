using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Members;

public sealed class MembersEndpointsTests
{
    [Fact]
    public async Task UpdateMember_TenantAdminPromotesDeveloper_RoleChanged()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var admin = await host.MemberClientAsync(tenant.Id, "boss@acme.test", MemberRole.TenantAdmin);
        var developer = await CreateMemberAsync(host, tenant.Id, "dev@acme.test", MemberRole.Developer);

        var response = await admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/members/{developer.Id}", new UpdateMemberRequest(MemberRole.Finance), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MemberRole.Finance, (await response.Content.ReadFromJsonAsync<MemberDto>(SwitchyardJson.Options))!.Role);
        var members = await admin.GetFromJsonAsync<MemberDto[]>($"/api/tenants/{tenant.Id}/members", SwitchyardJson.Options);
        Assert.Equal(MemberRole.Finance, Assert.Single(members!, m => m.Id == developer.Id).Role);
    }

    [Fact]
    public async Task ListMembers_CreatedThroughApi_SourceIsLocal()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var developer = await CreateMemberAsync(host, tenant.Id, "dev@acme.test", MemberRole.Developer);

        var json = await host.Admin.GetStringAsync($"/api/tenants/{tenant.Id}/members");

        using var body = JsonDocument.Parse(json);
        var row = body.RootElement.EnumerateArray().Single(m => m.GetProperty("id").GetGuid() == developer.Id);
        Assert.Equal("Local", row.GetProperty("source").GetString());
    }

    [Fact]
    public async Task UpdateAndDeleteMember_Developer_Forbidden()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var other = await CreateMemberAsync(host, tenant.Id, "fin@acme.test", MemberRole.Finance);
        var developer = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer);

        var update = await developer.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/members/{other.Id}", new UpdateMemberRequest(MemberRole.TenantAdmin), SwitchyardJson.Options);
        var delete = await developer.DeleteAsync($"/api/tenants/{tenant.Id}/members/{other.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, update.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
    }

    [Fact]
    public async Task UpdateMember_MissingRoleOrPlatformRoleByTenantAdmin_ValidationProblemNamesRole()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var admin = await host.MemberClientAsync(tenant.Id, "boss@acme.test", MemberRole.TenantAdmin);
        var developer = await CreateMemberAsync(host, tenant.Id, "dev@acme.test", MemberRole.Developer);

        foreach (var request in new[] { new UpdateMemberRequest(null), new UpdateMemberRequest(MemberRole.PlatformAdmin) })
        {
            var response = await admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/members/{developer.Id}", request, SwitchyardJson.Options);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(body.RootElement.GetProperty("errors").TryGetProperty("role", out _));
        }
    }

    [Fact]
    public async Task UpdateMember_LastTenantAdminDemotesSelf_Conflict()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var admin = await host.MemberClientAsync(tenant.Id, "boss@acme.test", MemberRole.TenantAdmin);
        var self = await admin.GetFromJsonAsync<CurrentUserDto>("/api/me", SwitchyardJson.Options);

        var response = await admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/members/{self!.Id}", new UpdateMemberRequest(MemberRole.Developer), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("last administrator", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(MemberRole.TenantAdmin, (await admin.GetFromJsonAsync<CurrentUserDto>("/api/me", SwitchyardJson.Options))!.Role);
    }

    [Fact]
    public async Task DeleteMember_LastTenantAdmin_Conflict()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var admin = await CreateMemberAsync(host, tenant.Id, "boss@acme.test", MemberRole.TenantAdmin);
        await CreateMemberAsync(host, tenant.Id, "dev@acme.test", MemberRole.Developer);

        var response = await host.Admin.DeleteAsync($"/api/tenants/{tenant.Id}/members/{admin.Id}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.True(await host.WithDbAsync(db => db.Users.AnyAsync(m => m.Id == admin.Id)));
    }

    [Fact]
    public async Task DeleteMember_OneOfTwoAdmins_RemovedAndListedNoMore()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var admin = await host.MemberClientAsync(tenant.Id, "boss@acme.test", MemberRole.TenantAdmin);
        var second = await CreateMemberAsync(host, tenant.Id, "deputy@acme.test", MemberRole.TenantAdmin);

        var response = await admin.DeleteAsync($"/api/tenants/{tenant.Id}/members/{second.Id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var members = await admin.GetFromJsonAsync<MemberDto[]>($"/api/tenants/{tenant.Id}/members", SwitchyardJson.Options);
        Assert.DoesNotContain(members!, m => m.Id == second.Id);
    }

    [Fact]
    public async Task UpdateAndDeleteMember_MemberOfAnotherTenant_NotFound()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var a = await host.CreateTenantAsync("A");
        var b = await host.CreateTenantAsync("B");
        var memberOfB = await CreateMemberAsync(host, b.Id, "dev@b.test", MemberRole.Developer);
        var adminOfA = await host.MemberClientAsync(a.Id, "boss@a.test", MemberRole.TenantAdmin);

        Assert.Equal(HttpStatusCode.NotFound, (await adminOfA.PatchAsJsonAsync($"/api/tenants/{a.Id}/members/{memberOfB.Id}", new UpdateMemberRequest(MemberRole.TenantAdmin), SwitchyardJson.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminOfA.DeleteAsync($"/api/tenants/{a.Id}/members/{memberOfB.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminOfA.DeleteAsync($"/api/tenants/{b.Id}/members/{memberOfB.Id}")).StatusCode);
        var stored = await host.WithDbAsync(db => db.Users.SingleAsync(m => m.Id == memberOfB.Id));
        Assert.Equal(MemberRole.Developer, stored.Role);
    }

    [Fact]
    public async Task UpdateMember_TenantAdminChangesPlatformAdmin_Forbidden()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var platformMember = await CreateMemberAsync(host, tenant.Id, "ops@acme.test", MemberRole.PlatformAdmin);
        var admin = await host.MemberClientAsync(tenant.Id, "boss@acme.test", MemberRole.TenantAdmin);

        var update = await admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/members/{platformMember.Id}", new UpdateMemberRequest(MemberRole.Developer), SwitchyardJson.Options);
        var delete = await admin.DeleteAsync($"/api/tenants/{tenant.Id}/members/{platformMember.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, update.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
    }

    [Fact]
    public async Task CreateMember_EmailWithNonAsciiLetters_CreatedAndSignsInInAnotherCase()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var member = await CreateMemberAsync(host, tenant.Id, "zoë.ñandú@bücher.test", MemberRole.Developer);
        var login = await host.Anonymous.PostAsJsonAsync("/api/auth/login", new LoginRequest("ZOË.ÑANDÚ@BÜCHER.TEST", "correct-horse-battery"), SwitchyardJson.Options);

        Assert.Equal("zoë.ñandú@bücher.test", member.Email);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    internal static async Task<MemberDto> CreateMemberAsync(ControlPlaneTestHost host, Guid tenantId, string email, MemberRole role)
    {
        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenantId}/members", new CreateMemberRequest(email, "correct-horse-battery", role), SwitchyardJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<MemberDto>(SwitchyardJson.Options))!;
    }
}
