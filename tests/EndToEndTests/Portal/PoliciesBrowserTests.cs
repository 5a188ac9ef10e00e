using Microsoft.Playwright;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.EndToEndTests.Portal;

/// <summary>The Policies page in Chromium: a tenant admin writes a policy and tries a text against it before anyone is held to it.</summary>
[Collection(PortalBrowserCollection.Name)]
public class PoliciesBrowserTests(EmbeddedPlatformFixture platform)
{
    [Fact]
    public async Task CreateWithDlpRuleAndBannedTerm_DryRunText_ShowsRedactedTextAndBothFindings()
    {
        var scenario = await TenantScenario.CreateAsync(platform.Admin);
        var admin = await PortalBrowser.CreateMemberAsync(platform, scenario, MemberRole.TenantAdmin);
        var name = "browser-policy-" + Guid.NewGuid().ToString("N")[..6];
        var json = $$"""
            {
              "name": "{{name}}",
              "dlp": [ { "detector": "email", "action": "redact" } ],
              "guardrails": [ { "type": "banned_terms", "terms": [ "project falcon" ], "action": "log" } ]
            }
            """;

        await PortalBrowser.RunAsync(platform, async (_, page) =>
        {
            await page.SignInAsync(platform, admin);
            await page.OpenInteractiveAsync(platform, "/policies");
            await page.Locator("textarea[data-testid=policy-json]").FillAsync(json);
            await page.GetByTestId("policy-save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("policy-name").GetByText(name)).ToBeVisibleAsync();

            await page.Locator("textarea[data-testid=policy-try-text]").FillAsync("Mail bob@example.com about project falcon, please.");
            await page.GetByTestId("policy-try-run").ClickAsync();

            await Assertions.Expect(page.GetByTestId("policy-try-output")).ToContainTextAsync("[EMAIL]");
            await Assertions.Expect(page.GetByTestId("policy-try-output")).Not.ToContainTextAsync("bob@example.com");
            var findings = page.GetByTestId("policy-try-finding");
            await Assertions.Expect(findings).ToHaveCountAsync(2);
            await Assertions.Expect(findings.Filter(new LocatorFilterOptions { HasTextString = "redact" })).ToHaveCountAsync(1);
            await Assertions.Expect(findings.Filter(new LocatorFilterOptions { HasTextString = "log" })).ToHaveCountAsync(1);
        });

        var policies = await platform.Admin.GetAsync<List<PolicyDto>>($"/api/tenants/{scenario.Tenant.Id}/policies");
        var saved = Assert.Single(policies, p => p.Name == name);
        Assert.Equal("email", Assert.Single(saved.Dlp).Detector);
    }
}
