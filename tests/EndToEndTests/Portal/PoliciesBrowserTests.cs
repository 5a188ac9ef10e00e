using Microsoft.Playwright;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Shared.Admin;
using Switchyard.Testing.Upstream;

namespace Switchyard.EndToEndTests.Portal;

/// <summary>
/// The Policies page in Chromium: a tenant admin writes a policy and tries a text against it before anyone is held to it,
/// with the external guardrails asked only when they switch that on.
/// </summary>
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

    [Fact]
    public async Task TryText_ExternalSwitchedOn_LocalHttpGuardrailAskedAndItsFindingShown()
    {
        // A guardrail service of the tenant's own on 127.0.0.1 (the platform's egress allows loopback): it redacts an address.
        await using var guard = await FakeUpstream.StartAsync();
        guard.Answer("/guard", FakeReply.Json("""{"action":"redact","redactions":[{"text":"Wayne Manor","replacement":"[ADDRESS]"}]}"""));
        var scenario = await TenantScenario.CreateAsync(platform.Admin);
        var admin = await PortalBrowser.CreateMemberAsync(platform, scenario, MemberRole.TenantAdmin);
        var name = "browser-external-" + Guid.NewGuid().ToString("N")[..6];
        var json = $$"""
            {
              "name": "{{name}}",
              "guardrails": [ { "type": "http", "name": "corp-filter", "url": "{{guard.BaseUrl}}/guard", "timeoutMs": 5000 } ]
            }
            """;

        await PortalBrowser.RunAsync(platform, async (_, page) =>
        {
            await page.SignInAsync(platform, admin);
            await page.OpenInteractiveAsync(platform, "/policies");
            await page.Locator("textarea[data-testid=policy-json]").FillAsync(json);
            await page.GetByTestId("policy-save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("policy-name").GetByText(name)).ToBeVisibleAsync();
            await page.Locator("textarea[data-testid=policy-try-text]").FillAsync("Ship it to Wayne Manor");

            // Switched off (the default), the text stays on the control plane: the guardrail is not asked.
            await page.GetByTestId("policy-try-run").ClickAsync();
            await Assertions.Expect(page.GetByTestId("policy-try-output")).ToHaveTextAsync("Ship it to Wayne Manor");
            await Assertions.Expect(page.GetByTestId("policy-try-finding")).ToHaveCountAsync(0);
            Assert.Empty(guard.Requests);

            await page.Locator("input[data-testid=policy-try-external]").CheckAsync();
            await page.GetByTestId("policy-try-run").ClickAsync();

            await Assertions.Expect(page.GetByTestId("policy-try-output")).ToHaveTextAsync("Ship it to [ADDRESS]");
            var finding = page.GetByTestId("policy-try-finding");
            await Assertions.Expect(finding).ToHaveCountAsync(1);
            await Assertions.Expect(finding).ToContainTextAsync("corp-filter");
            await Assertions.Expect(finding).ToContainTextAsync("redact");
        });

        var asked = Assert.Single(guard.Requests).Json;
        Assert.Equal(["Ship it to Wayne Manor"], asked["texts"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(("input", true, scenario.Tenant.Id.ToString()), (asked["direction"]!.GetValue<string>(), asked["dryRun"]!.GetValue<bool>(), asked["tenantId"]!.GetValue<string>()));
    }
}
