using Microsoft.Playwright;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.EndToEndTests.Portal;
using Switchyard.Shared.Admin;

namespace Switchyard.EndToEndTests.Sso;

/// <summary>
/// Single sign-on in a real headless Chromium: the portal's sign-in page sends an email of the tenant's domain to the
/// real oidc-provider, the person signs in and consents there, and comes back signed in to the portal, provisioned into
/// the mapped team with the mapped roles.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public class SsoBrowserTests(EmbeddedPlatformFixture platform)
{
    [Fact]
    public async Task SignInWithSso_FromPortalSignInPage_LandsSignedInInMappedTeam()
    {
        await using var sso = await SsoTenant.CreateAsync(platform.Admin, platform.PortalUrl);
        await PortalBrowser.RunAsync(platform, async (_, page) =>
        {
            await page.GotoAsync(platform.PortalUrl + "/account/login");
            await page.GetByTestId("login-email").FillAsync(sso.Alice);
            await page.GetByTestId("login-sso").ClickAsync();

            await page.WaitForURLAsync(url => url.StartsWith(sso.Provider.Issuer, StringComparison.Ordinal));
            await page.Locator("input[name=login]").FillAsync("alice");
            await page.Locator("input[name=password]").FillAsync("any-password");
            await page.Locator("button[type=submit]").ClickAsync();
            await page.Locator("input[name=prompt][value=consent]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
            await page.Locator("button[type=submit]").ClickAsync();

            await page.WaitForURLAsync(url => url.StartsWith(platform.PortalUrl, StringComparison.Ordinal) && !url.Contains("/account/", StringComparison.Ordinal));
            await Assertions.Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync(sso.Alice);
        }, diagnostics: () => "Provider:\n" + sso.Provider.Output);

        var members = await platform.Admin.GetAsync<List<MemberDto>>($"/api/tenants/{sso.TenantId}/members");
        var member = Assert.Single(members, m => m.Email == sso.Alice);
        Assert.Equal(MemberSource.Sso, member.Source);
        Assert.Equal(SsoTenant.MappedRole, member.Role);
        var team = await platform.Admin.GetAsync<List<TeamMemberDto>>($"/api/tenants/{sso.TenantId}/teams/{sso.Scenario.Team.Id}/members");
        Assert.Equal(TeamRole.TeamAdmin, Assert.Single(team, m => m.MemberId == member.Id).Role);
    }
}
