using Microsoft.Playwright;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.EndToEndTests.Portal;

/// <summary>The Members page in Chromium: a tenant admin invites a person into a team, and the person joins through the link.</summary>
[Collection(PortalBrowserCollection.Name)]
public class MembersBrowserTests(EmbeddedPlatformFixture platform)
{
    [Fact]
    public async Task Invite_CopyLinkThenSetPasswordInFreshBrowser_SignedInAndInTheChosenTeam()
    {
        var scenario = await TenantScenario.CreateAsync(platform.Admin);
        var admin = await PortalBrowser.CreateMemberAsync(platform, scenario, MemberRole.TenantAdmin);
        var invitee = $"invitee-{Guid.NewGuid():N}@example.test";
        const string password = "Invited-Person-Pass-42";

        await PortalBrowser.RunAsync(platform, async (browser, page) =>
        {
            await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new BrowserContextGrantPermissionsOptions { Origin = platform.PortalUrl });
            await page.SignInAsync(platform, admin);
            await page.OpenInteractiveAsync(platform, "/members");
            await page.GetByTestId("invite-open").ClickAsync();
            await page.Locator("#invite-email").FillAsync(invitee);
            await page.PickAsync("invite-teams-input", scenario.Team.Name);
            await page.Keyboard.PressAsync("Escape");
            await page.PickAsync("invite-team-role-input", "Team admin");
            await page.GetByTestId("invite-create").ClickAsync();

            var shown = (await page.GetByTestId("invite-link").TextContentAsync())!.Trim();
            Assert.StartsWith(platform.PortalUrl + "/invite/syi_", shown, StringComparison.Ordinal);
            await page.GetByTestId("copy-invite-link").ClickAsync();
            await Assertions.Expect(page.GetByText("Copied to clipboard.")).ToBeVisibleAsync();
            var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
            Assert.Equal(shown, copied);
            await Assertions.Expect(page.GetByTestId("invitation-row").Filter(new LocatorFilterOptions { HasTextString = invitee })
                .GetByTestId("invitation-teams")).ToHaveTextAsync($"{scenario.Team.Name} (team admin)");

            // The invitee: another browser context (no cookies of the admin), the copied link, a password.
            await using var fresh = await browser.NewContextAsync();
            var joining = await fresh.NewPageAsync();
            joining.SetDefaultTimeout(20_000);
            await joining.GotoAsync(copied);
            await Assertions.Expect(joining.GetByTestId("invite-summary")).ToContainTextAsync(invitee);
            await joining.GetByTestId("invite-password").FillAsync(password);
            await joining.GetByTestId("invite-confirm").FillAsync(password);
            await joining.GetByTestId("invite-submit").ClickAsync();
            await Assertions.Expect(joining.GetByTestId("signed-in-user")).ToContainTextAsync(invitee);
        });

        var members = await platform.Admin.GetAsync<List<MemberDto>>($"/api/tenants/{scenario.Tenant.Id}/members");
        var member = Assert.Single(members, m => m.Email == invitee);
        var team = await platform.Admin.GetAsync<List<TeamMemberDto>>($"/api/tenants/{scenario.Tenant.Id}/teams/{scenario.Team.Id}/members");
        Assert.Equal(TeamRole.TeamAdmin, Assert.Single(team, m => m.MemberId == member.Id).Role);
    }
}
