using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.EndToEndTests.Portal;

/// <summary>The Keys page in Chromium: rotating a key shows the new secret once and lists both secrets until the old one expires.</summary>
[Collection(PortalBrowserCollection.Name)]
public class KeyRotationBrowserTests(EmbeddedPlatformFixture platform)
{
    [Fact]
    public async Task Rotate_NewSecretShownOnce_KeyRowListsBothSecretsWithTheOldOnesExpiry()
    {
        var scenario = await TenantScenario.CreateAsync(platform.Admin);
        var developer = await PortalBrowser.CreateMemberAsync(platform, scenario, MemberRole.Developer);
        var name = "rotating-" + Guid.NewGuid().ToString("N")[..6];
        var original = await platform.Admin.CreateKeyAsync(scenario.Tenant.Id, scenario.Team.Id, name);

        await PortalBrowser.RunAsync(platform, async (_, page) =>
        {
            await page.SignInAsync(platform, developer);
            await page.OpenInteractiveAsync(platform, "/keys");
            var row = page.GetByTestId("keys-table").Locator("tr").Filter(new LocatorFilterOptions { Has = page.GetByTestId("key-name-cell").GetByText(name) });
            await row.GetByTestId("rotate-key").ClickAsync();

            await Assertions.Expect(page.GetByTestId("rotation-grace")).ToContainTextAsync(original.Key.Prefix);
            var secret = await page.Locator("#key-secret").InputValueAsync();
            Assert.StartsWith("sk-sy-", secret);
            Assert.NotEqual(original.Secret, secret);

            var rotated = (await platform.Admin.GetAsync<List<KeyDto>>($"/api/tenants/{scenario.Tenant.Id}/keys")).Single(k => k.Id == original.Key.Id);
            Assert.Equal(original.Key.Prefix, rotated.PreviousPrefix);
            Assert.StartsWith(rotated.Prefix, secret, StringComparison.Ordinal);
            var graceEnds = rotated.PreviousExpiresAt!.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            await Assertions.Expect(row.GetByTestId("key-prefix-cell")).ToContainTextAsync(rotated.Prefix);
            await Assertions.Expect(row.GetByTestId("key-previous-secret")).ToHaveTextAsync($"and {original.Key.Prefix}… until {graceEnds}");

            // Both secrets work on the gateway during the grace period.
            await Eventually.HoldsAsync(
                async () => await GatewayCalls.ChatAsync(platform.GatewayUrl, secret) == HttpStatusCode.OK,
                TimeSpan.FromSeconds(10), "the new secret works on the gateway");
            Assert.Equal(HttpStatusCode.OK, await GatewayCalls.ChatAsync(platform.GatewayUrl, original.Secret));

            // Shown once: after "I have copied it", and on the next visit, the secret is nowhere on the page.
            await page.GetByTestId("dismiss-secret").ClickAsync();
            await Assertions.Expect(page.GetByTestId("key-secret-panel")).ToHaveCountAsync(0);
            await page.OpenInteractiveAsync(platform, "/keys");
            await Assertions.Expect(row.GetByTestId("key-previous-secret")).ToBeVisibleAsync();
            Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        });
    }
}
