using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Features.Sso;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Sso;

/// <summary>What a person the identity provider vouched for becomes: JIT provisioning, linking, mappings, refusals.</summary>
public sealed class SsoSignInTests
{
    [Fact]
    public async Task SignIn_UnknownPersonInMappedGroup_CreatedAsSsoMemberInMappedTeamAndRole()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, team) = await SetUpAsync(host);

        var member = await SignInAsync(host, tenant, new SsoIdentity("sub-1", "Ann@Acme.test", true, ["engineers"]));

        Assert.Equal(MemberSource.Sso, member.Source);
        Assert.Equal("sub-1", member.ExternalId);
        Assert.Equal(MemberRole.Developer, member.Role);
        Assert.Null(member.PasswordHash);
        var membership = await host.WithDbAsync(db => db.TeamMemberships.SingleAsync(m => m.MemberId == member.Id));
        Assert.Equal((team, TeamRole.TeamAdmin), (membership.TeamId, membership.Role));
    }

    [Fact]
    public async Task SignIn_NoMappedGroup_DefaultRoleAndNoTeam()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, _) = await SetUpAsync(host);

        var member = await SignInAsync(host, tenant, new SsoIdentity("sub-1", "ann@acme.test", null, ["everyone"]));

        Assert.Equal(MemberRole.Auditor, member.Role);
        Assert.False(await host.WithDbAsync(db => db.TeamMemberships.AnyAsync(m => m.MemberId == member.Id)));
    }

    [Fact]
    public async Task SignIn_LeftTheMappedGroup_RemovedFromTheTeamAndSameMember()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, _) = await SetUpAsync(host);
        var first = await SignInAsync(host, tenant, new SsoIdentity("sub-1", "ann@acme.test", true, ["engineers"]));

        var second = await SignInAsync(host, tenant, new SsoIdentity("sub-1", "ann@acme.test", true, []));

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(MemberRole.Auditor, second.Role);
        Assert.False(await host.WithDbAsync(db => db.TeamMemberships.AnyAsync(m => m.MemberId == first.Id)));
    }

    [Fact]
    public async Task SignIn_LocalMemberWithSameEmail_LinkedToSubjectNotDuplicated()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, _) = await SetUpAsync(host);
        var local = await CreateLocalAsync(host, tenant, "ann@acme.test");

        var member = await SignInAsync(host, tenant, new SsoIdentity("sub-1", "ann@acme.test", true, []));

        Assert.Equal(local.Id, member.Id);
        Assert.Equal(MemberSource.Local, member.Source);
        Assert.Equal("sub-1", member.ExternalId);
    }

    [Theory]
    [InlineData("ann@elsewhere.test", true, "may not sign in")]
    [InlineData("ann@acme.test", false, "not verified")]
    [InlineData(null, true, "did not send an email")]
    public async Task SignIn_EmailNotAcceptable_RefusedAndNoMemberCreated(string? email, bool verified, string reason)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, _) = await SetUpAsync(host);

        var refused = await Assert.ThrowsAsync<SsoRefusedException>(() => SignInAsync(host, tenant, new SsoIdentity("sub-1", email, verified, ["engineers"])));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.False(await host.WithDbAsync(db => db.Users.AnyAsync(m => m.ExternalId == "sub-1")));
    }

    [Fact]
    public async Task SignIn_DeactivatedMember_Refused()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, _) = await SetUpAsync(host);
        var local = await CreateLocalAsync(host, tenant, "ann@acme.test");
        (await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant}/members/{local.Id}", new UpdateMemberRequest(null, false), SwitchyardJson.Options)).EnsureSuccessStatusCode();

        var refused = await Assert.ThrowsAsync<SsoRefusedException>(() => SignInAsync(host, tenant, new SsoIdentity("sub-1", "ann@acme.test", true, [])));

        Assert.Contains("deactivated", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_EmailOfAnotherTenantsMember_Refused()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, _) = await SetUpAsync(host);
        var other = await host.CreateTenantAsync("Other");
        await CreateLocalAsync(host, other.Id, "ann@acme.test");

        var refused = await Assert.ThrowsAsync<SsoRefusedException>(() => SignInAsync(host, tenant, new SsoIdentity("sub-1", "ann@acme.test", true, [])));

        Assert.Contains("another organisation", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_EmailChangedAtProvider_MemberFoundBySubjectTakesTheNewAddress()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, _) = await SetUpAsync(host);
        var first = await SignInAsync(host, tenant, new SsoIdentity("sub-1", "ann@acme.test", true, []));

        var second = await SignInAsync(host, tenant, new SsoIdentity("sub-1", "ann.smith@acme.test", true, []));

        Assert.Equal(first.Id, second.Id);
        var stored = await host.WithDbAsync(db => db.Users.IgnoreQueryFilters().AsNoTracking().SingleAsync(m => m.Id == first.Id));
        Assert.Equal(("ann.smith@acme.test", "ann.smith@acme.test", "ANN.SMITH@ACME.TEST"), (stored.Email, stored.UserName, stored.NormalizedEmail));
        var members = await host.Admin.GetFromJsonAsync<List<MemberDto>>($"/api/tenants/{tenant}/members", SwitchyardJson.Options);
        Assert.Equal("ann.smith@acme.test", Assert.Single(members!).Email);
    }

    [Fact]
    public async Task SignIn_EmailChangedToAnotherMembersAddress_SignedInKeepingTheOldAddress()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, _) = await SetUpAsync(host);
        var first = await SignInAsync(host, tenant, new SsoIdentity("sub-1", "ann@acme.test", true, []));
        var bob = await CreateLocalAsync(host, tenant, "bob@acme.test");

        var second = await SignInAsync(host, tenant, new SsoIdentity("sub-1", "BOB@acme.test", true, []));

        Assert.Equal(first.Id, second.Id);
        var emails = await host.WithDbAsync(db => db.Users.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.Id == first.Id || m.Id == bob.Id).OrderBy(m => m.Email).Select(m => m.Email).ToListAsync());
        Assert.Equal(["ann@acme.test", "bob@acme.test"], emails);
    }

    [Fact]
    public async Task SignIn_NewAddressOutsideAllowedDomains_RefusedAndAddressUnchanged()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, _) = await SetUpAsync(host);
        var first = await SignInAsync(host, tenant, new SsoIdentity("sub-1", "ann@acme.test", true, []));

        await Assert.ThrowsAsync<SsoRefusedException>(() => SignInAsync(host, tenant, new SsoIdentity("sub-1", "ann@elsewhere.test", true, [])));

        var stored = await host.WithDbAsync(db => db.Users.IgnoreQueryFilters().AsNoTracking().SingleAsync(m => m.Id == first.Id));
        Assert.Equal("ann@acme.test", stored.Email);
    }

    private static async Task<(Guid Tenant, Guid Team)> SetUpAsync(ControlPlaneTestHost host)
    {
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "platform");
        var response = await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/sso", new SsoConfigRequest(
            "https://idp.acme.test", "client", "secret", ["acme.test"], DefaultRole: MemberRole.Auditor,
            Mappings: [new SsoMappingDto("engineers", MemberRole.Developer, team.Id, TeamRole.TeamAdmin)]), SwitchyardJson.Options);
        response.EnsureSuccessStatusCode();
        return (tenant.Id, team.Id);
    }

    private static async Task<Member> SignInAsync(ControlPlaneTestHost host, Guid tenantId, SsoIdentity identity)
    {
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Switchyard.ControlPlane.Infrastructure.Database.ControlPlaneDbContext>();
        var sso = await db.TenantSso.AsNoTracking().SingleAsync(s => s.TenantId == tenantId);
        return await scope.ServiceProvider.GetRequiredService<SsoSignIn>().SignInAsync(sso, identity, CancellationToken.None);
    }

    private static async Task<MemberDto> CreateLocalAsync(ControlPlaneTestHost host, Guid tenantId, string email)
    {
        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenantId}/members", new CreateMemberRequest(email, "correct-horse-battery", MemberRole.Developer), SwitchyardJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<MemberDto>(SwitchyardJson.Options))!;
    }
}
