using System.Net;
using System.Net.Http.Json;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.EndToEndTests.Sso;

/// <summary>
/// Single sign-on against a real, independent OpenID Connect provider (oidc-provider on 127.0.0.1), through the
/// all-in-one host's portal: the authorization-code flow over plain HTTP (login and consent forms filled in), just-in-time
/// provisioning, group → role and team mapping, domain refusal and "SSO only".
/// </summary>
public class SsoSignInTests(EmbeddedPlatformFixture platform) : IClassFixture<EmbeddedPlatformFixture>
{
    [Fact]
    public async Task SignIn_PersonInMappedGroup_ProvisionedJustInTimeIntoMappedTeamAndRole()
    {
        await using var sso = await SsoTenant.CreateAsync(platform.Admin, platform.PortalUrl);
        using var agent = new OidcUserAgent();

        var landed = await agent.SignInAsync(StartUrl(sso, "/keys"), new Uri(platform.PortalUrl), "alice", sso.Provider.Issuer);

        Assert.Equal("/keys", landed.AbsolutePath);
        using (var page = await agent.Http.GetAsync(landed))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(sso.Alice, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var member = await MemberAsync(sso, sso.Alice);
        Assert.Equal(MemberSource.Sso, member.Source);
        Assert.Equal(SsoTenant.MappedRole, member.Role);
        var teamMembers = await platform.Admin.GetAsync<List<TeamMemberDto>>($"/api/tenants/{sso.TenantId}/teams/{sso.Scenario.Team.Id}/members");
        Assert.Equal(TeamRole.TeamAdmin, Assert.Single(teamMembers, m => m.MemberId == member.Id).Role);
    }

    [Fact]
    public async Task SignIn_MappingChangedSinceLastSignIn_RoleFollowsTheMappingAndNoSecondMember()
    {
        await using var sso = await SsoTenant.CreateAsync(platform.Admin, platform.PortalUrl);
        using (var first = new OidcUserAgent())
        {
            await first.SignInAsync(StartUrl(sso, "/"), new Uri(platform.PortalUrl), "alice", sso.Provider.Issuer);
        }

        await sso.ConfigureAsync(platform.Admin, MemberRole.Finance);
        using var second = new OidcUserAgent();
        await second.SignInAsync(StartUrl(sso, "/"), new Uri(platform.PortalUrl), "alice", sso.Provider.Issuer);

        var members = await platform.Admin.GetAsync<List<MemberDto>>($"/api/tenants/{sso.TenantId}/members");
        Assert.Equal(MemberRole.Finance, Assert.Single(members, m => m.Email == sso.Alice).Role);
    }

    [Fact]
    public async Task SignIn_EmailOutsideAllowedDomains_BackOnSignInPageWithReasonAndNoMember()
    {
        await using var sso = await SsoTenant.CreateAsync(platform.Admin, platform.PortalUrl);
        using var agent = new OidcUserAgent();

        var landed = await agent.SignInAsync(StartUrl(sso, "/"), new Uri(platform.PortalUrl), "mallory", sso.Provider.Issuer);

        Assert.Equal("/account/login", landed.AbsolutePath);
        Assert.Contains("may not sign in", WebUtility.UrlDecode(landed.Query), StringComparison.Ordinal);
        var members = await platform.Admin.GetAsync<List<MemberDto>>($"/api/tenants/{sso.TenantId}/members");
        Assert.DoesNotContain(members, m => m.Email == SsoTenant.Outsider);
    }

    [Fact]
    public async Task PasswordSignIn_SsoOnlyTenant_RefusedPointingToSsoWhilePlatformAdminKeepsPassword()
    {
        await using var sso = await SsoTenant.CreateAsync(platform.Admin, platform.PortalUrl, ssoOnly: true);
        const string password = "Correct-Horse-Battery-9";
        var developer = $"dev-{Guid.NewGuid():N}@{sso.Domain}";
        var platformAdmin = $"root-{Guid.NewGuid():N}@{sso.Domain}";
        await platform.Admin.PostAsync<MemberDto>($"/api/tenants/{sso.TenantId}/members", new CreateMemberRequest(developer, password, MemberRole.Developer));
        await platform.Admin.PostAsync<MemberDto>($"/api/tenants/{sso.TenantId}/members", new CreateMemberRequest(platformAdmin, password, MemberRole.PlatformAdmin));
        using var http = new HttpClient { BaseAddress = new Uri(platform.PortalUrl) };

        using var refused = await http.PostAsJsonAsync("/api/auth/login", new LoginRequest(developer, password), SwitchyardJson.Options);
        using var admitted = await http.PostAsJsonAsync("/api/auth/login", new LoginRequest(platformAdmin, password), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("single sign-on", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
    }

    [Fact]
    public async Task Discover_ClaimedAndUnknownDomains_OnlyClaimedOneNamesItsTenant()
    {
        await using var sso = await SsoTenant.CreateAsync(platform.Admin, platform.PortalUrl);
        using var http = new HttpClient { BaseAddress = new Uri(platform.PortalUrl) };

        var claimed = await http.GetFromJsonAsync<SsoDiscoveryDto>($"/api/auth/sso/discover?email={Uri.EscapeDataString(sso.Alice)}", SwitchyardJson.Options);
        var unknown = await http.GetFromJsonAsync<SsoDiscoveryDto>("/api/auth/sso/discover?email=someone%40unknown-domain.test", SwitchyardJson.Options);

        Assert.Equal(new SsoDiscoveryDto(true, sso.TenantId, false, $"/api/auth/sso/{sso.TenantId}/login"), claimed);
        Assert.Equal(new SsoDiscoveryDto(false), unknown);
    }

    private Uri StartUrl(SsoTenant sso, string returnUrl) =>
        new($"{platform.PortalUrl}/api/auth/sso/{sso.TenantId}/login?returnUrl={Uri.EscapeDataString("/account/sso/complete?returnUrl=" + Uri.EscapeDataString(returnUrl))}");

    private async Task<MemberDto> MemberAsync(SsoTenant sso, string email)
    {
        var members = await platform.Admin.GetAsync<List<MemberDto>>($"/api/tenants/{sso.TenantId}/members");
        return Assert.Single(members, m => m.Email == email);
    }
}
