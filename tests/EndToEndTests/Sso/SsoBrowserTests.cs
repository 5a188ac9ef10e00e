using Microsoft.Playwright;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.EndToEndTests.Sso;

/// <summary>
/// Single sign-on in a real headless Chromium: the portal's sign-in page sends an email of the tenant's domain to the
/// real oidc-provider, the person signs in and consents there, and comes back signed in to the portal, provisioned into
/// the mapped team with the mapped roles.
/// </summary>
public class SsoBrowserTests(EmbeddedPlatformFixture platform) : IClassFixture<EmbeddedPlatformFixture>
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    [Fact]
    public async Task SignInWithSso_FromPortalSignInPage_LandsSignedInInMappedTeam()
    {
        await using var sso = await SsoTenant.CreateAsync(platform.Admin, platform.PortalUrl);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestServices.Chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        try
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
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            throw new InvalidOperationException(
                $"{e.Message}\nURL: {page.Url}\nPage:\n{await page.ContentAsync()}\nProvider:\n{sso.Provider.Output}\nHost:\n{Tail(platform.Host.Output)}", e);
        }

        var members = await platform.Admin.GetAsync<List<MemberDto>>($"/api/tenants/{sso.TenantId}/members");
        var member = Assert.Single(members, m => m.Email == sso.Alice);
        Assert.Equal(MemberSource.Sso, member.Source);
        Assert.Equal(SsoTenant.MappedRole, member.Role);
        var team = await platform.Admin.GetAsync<List<TeamMemberDto>>($"/api/tenants/{sso.TenantId}/teams/{sso.Scenario.Team.Id}/members");
        Assert.Equal(TeamRole.TeamAdmin, Assert.Single(team, m => m.MemberId == member.Id).Role);
    }

    private static string Tail(string output) => string.Join('\n', output.Split('\n').TakeLast(60));
}
