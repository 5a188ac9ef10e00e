using Microsoft.Playwright;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.EndToEndTests.Portal;

/// <summary>The Audit log page in Chromium: an auditor finds an admin change, opens it, and exports the admin log with its outcomes.</summary>
[Collection(PortalBrowserCollection.Name)]
public class AuditBrowserTests(EmbeddedPlatformFixture platform)
{
    [Fact]
    public async Task AdminChange_ListedWithOutcome_DetailShowsTheChangeAndCsvCarriesTheOutcome()
    {
        var scenario = await TenantScenario.CreateAsync(platform.Admin);
        var auditor = await PortalBrowser.CreateMemberAsync(platform, scenario, MemberRole.Auditor);
        var teamName = "audited-" + Guid.NewGuid().ToString("N")[..6];
        var team = await platform.Admin.CreateTeamAsync(scenario.Tenant.Id, teamName);

        await PortalBrowser.RunAsync(platform, async (_, page) =>
        {
            await page.SignInAsync(platform, auditor);
            await page.OpenInteractiveAsync(platform, "/audit");
            await page.PickAsync("audit-type", "Admin actions");
            await page.GetByTestId("audit-search").ClickAsync();

            var row = page.GetByTestId("audit-actions").Locator("tr").Filter(new LocatorFilterOptions
            {
                Has = page.GetByTestId("audit-action-name").GetByText("CreateTeam", new LocatorGetByTextOptions { Exact = true }),
            }).Filter(new LocatorFilterOptions { HasTextString = team.Id.ToString() });
            await Assertions.Expect(row.GetByTestId("audit-action-outcome")).ToHaveTextAsync("saved");
            await row.GetByTestId("audit-action-open").ClickAsync();
            await Assertions.Expect(page.GetByTestId("audit-action-changes")).ToContainTextAsync(teamName);
            await Assertions.Expect(page.GetByTestId("audit-action-detail")).ToContainTextAsync("POST");

            // The export link of the page, through the portal's download endpoint, with the member's own session.
            var href = await page.GetByTestId("audit-export-csv").GetAttributeAsync("href");
            Assert.StartsWith("/downloads/audit?type=admin&format=csv", href, StringComparison.Ordinal);
            var response = await page.Context.APIRequest.GetAsync(platform.PortalUrl + href);
            Assert.Equal(200, response.Status);
            var lines = (await response.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var header = lines[0].Split(',');
            var outcome = Array.IndexOf(header, "outcome");
            Assert.True(outcome > 0, "the CSV has an outcome column: " + lines[0]);
            var line = Assert.Single(lines, l => l.Contains(team.Id.ToString(), StringComparison.OrdinalIgnoreCase));
            Assert.Equal("saved", line.Split(',')[outcome]);
        });
    }
}
