using System.Net;
using Microsoft.Playwright;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.EndToEndTests.Portal;

/// <summary>The portal in a real headless Chromium, against the all-in-one host, as a developer would use it.</summary>
[Collection(PortalBrowserCollection.Name)]
public class PortalBrowserTests(EmbeddedPlatformFixture platform)
{
    [Fact]
    public async Task SignInCreateKeyCallGateway_RequestAppearsOnUsagePage()
    {
        var scenario = await TenantScenario.CreateAsync(platform.Admin);
        var email = await PortalBrowser.CreateMemberAsync(platform, scenario, MemberRole.Developer);

        await PortalBrowser.RunAsync(platform, (_, page) => SignInCreateKeyAndSeeUsageAsync(page, email));
    }

    [Fact]
    public async Task SignInCreateRouteWithTwoDeployments_RouteListedWithItsHealth()
    {
        var scenario = await TenantScenario.CreateAsync(platform.Admin);
        var email = await PortalBrowser.CreateMemberAsync(platform, scenario, MemberRole.TenantAdmin);
        var model = "browser-route-" + Guid.NewGuid().ToString("N")[..6];

        await PortalBrowser.RunAsync(platform, async (_, page) =>
        {
            await page.SignInAsync(platform, email);
            await CreateRouteAsync(page, model);
            await SeeRouteHealthAsync(page, scenario, model);
        });
    }

    /// <summary>A weighted route to two mock deployments (the mock provider needs no credential), through the editor.</summary>
    private async Task CreateRouteAsync(IPage page, string model)
    {
        await page.OpenInteractiveAsync(platform, "/routes");
        await page.GetByTestId("new-route").ClickAsync();
        await page.Locator("#route-public-model").FillAsync(model);
        await page.Locator("#deployment-0-model").FillAsync("mock-a");
        await page.GetByTestId("add-deployment").ClickAsync();
        await page.Locator("#deployment-1-model").FillAsync("mock-b");
        await page.GetByTestId("route-save").ClickAsync();

        var row = page.GetByTestId("routes-table").Locator("tr").Filter(new LocatorFilterOptions
        {
            Has = page.GetByTestId("route-model").GetByText(model, new LocatorGetByTextOptions { Exact = true }),
        });
        await Assertions.Expect(row.GetByTestId("route-deployment-count")).ToHaveTextAsync("2");
        await Assertions.Expect(row).ToContainTextAsync("mock/mock-a, mock/mock-b");
    }

    /// <summary>
    /// The saved route's health panel: once the node has served the route it reports each deployment's breaker state, and
    /// the panel (refreshed live) shows it.
    /// </summary>
    private async Task SeeRouteHealthAsync(IPage page, TenantScenario scenario, string model)
    {
        await Assertions.Expect(page.GetByTestId("route-health-model")).ToHaveTextAsync(model);
        var routes = await platform.Admin.GetAsync<List<RouteDto>>($"/api/tenants/{scenario.Tenant.Id}/routes");
        var route = routes.Single(r => r.PublicModel == model);
        Assert.Equal(["mock-a", "mock-b"], route.Deployments.Select(d => d.UpstreamModel));

        var key = await scenario.CreateKeyAsync(platform.Admin);
        await Eventually.HoldsAsync(
            async () => await GatewayCalls.ChatAsync(platform.GatewayUrl, key, model) == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10), "the new route serves on the gateway");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await GatewayCalls.ChatAsync(platform.GatewayUrl, key, model));
        }

        await Eventually.HoldsAsync(
            async () => (await platform.Admin.RouteHealthAsync(scenario.Tenant.Id, route.Id))?.Deployments.Count > 0,
            TimeSpan.FromSeconds(30), "the node reports the route's deployments");

        await Assertions.Expect(page.GetByTestId("route-health-table")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("breaker-state").First).ToHaveTextAsync("closed");
        await Assertions.Expect(page.GetByTestId("health-deployment").First).ToContainTextAsync("mock");
        await Assertions.Expect(page.GetByTestId("route-health-panel").GetByTestId("error-alert")).ToHaveCountAsync(0);
    }

    private async Task SignInCreateKeyAndSeeUsageAsync(IPage page, string email)
    {
        await page.SignInAsync(platform, email);

        await page.OpenInteractiveAsync(platform, "/keys");
        await page.GetByTestId("create-key").ClickAsync();
        await page.Locator("#key-name").FillAsync("browser-key");
        await page.GetByTestId("create-key-confirm").ClickAsync();
        var secret = await page.Locator("#key-secret").InputValueAsync();
        Assert.StartsWith("sk-sy-", secret);
        await Assertions.Expect(page.GetByTestId("keys-table")).ToContainTextAsync("browser-key");

        await Eventually.HoldsAsync(
            async () => await GatewayCalls.ChatAsync(platform.GatewayUrl, secret) == HttpStatusCode.OK,
            TimeSpan.FromSeconds(5), "the new key works on the gateway");

        await page.OpenInteractiveAsync(platform, "/usage");
        await Eventually.HoldsAsync(async () =>
        {
            await page.GetByTestId("usage-refresh").ClickAsync();
            await page.WaitForTimeoutAsync(300);
            return await page.GetByTestId("usage-row").CountAsync() > 0;
        }, TimeSpan.FromSeconds(20), "the request is listed on the usage page");
        await Assertions.Expect(page.GetByTestId("usage-row-model").First).ToContainTextAsync(TenantScenario.MockModel);
        await Assertions.Expect(page.GetByTestId("usage-total-row").First).ToContainTextAsync("browser-key");

        await SeeDashboardChartsAsync(page);
    }

    /// <summary>The dashboard's charts and top lists show the traffic (from the rollups); the screenshot is kept as an artifact.</summary>
    private async Task SeeDashboardChartsAsync(IPage page)
    {
        await page.OpenInteractiveAsync(platform, "/");
        await Eventually.HoldsAsync(async () =>
        {
            await page.GetByTestId("dashboard-refresh").ClickAsync();
            await page.WaitForTimeoutAsync(300);
            var requests = (await page.GetByTestId("stat-requests").TextContentAsync())?.Trim();
            return requests is not (null or "" or "0" or "–");
        }, TimeSpan.FromSeconds(20), "the dashboard counts the request");
        foreach (var chart in new[] { "chart-requests", "chart-latency", "chart-tokens", "chart-cost" })
        {
            Assert.True(await page.Locator($"[data-testid={chart}] svg path").CountAsync() > 0, $"{chart} draws its series");
        }

        await Assertions.Expect(page.GetByTestId("top-models-row").First).ToContainTextAsync(TenantScenario.MockModel);
        await Assertions.Expect(page.GetByTestId("top-keys-row").First).ToContainTextAsync("browser-key");
        var artifacts = Path.Combine(Environment.GetEnvironmentVariable("SWITCHYARD_TEST_RESULTS_DIR") ?? Path.Combine(AppContext.BaseDirectory, "artifacts"), "screenshots");
        Directory.CreateDirectory(artifacts);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "portal-dashboard.png"), FullPage = true });

        await page.OpenInteractiveAsync(platform, "/models/compare");
        await Assertions.Expect(page.GetByTestId("compare-name").First).ToContainTextAsync(TenantScenario.MockModel);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "portal-model-comparison.png"), FullPage = true });
    }
}
