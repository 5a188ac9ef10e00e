using System.Net;
using Microsoft.Playwright;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.EndToEndTests.Portal;

/// <summary>The portal in a real headless Chromium, against the all-in-one host, as a developer would use it.</summary>
public class PortalBrowserTests(EmbeddedPlatformFixture platform) : IClassFixture<EmbeddedPlatformFixture>
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    [Fact]
    public async Task SignInCreateKeyCallGateway_RequestAppearsOnUsagePage()
    {
        var scenario = await TenantScenario.CreateAsync(platform.Admin);
        var (email, password) = await CreateMemberAsync(scenario, MemberRole.Developer);

        await RunInBrowserAsync(page => SignInCreateKeyAndSeeUsageAsync(page, email, password));
    }

    [Fact]
    public async Task SignInCreateRouteWithTwoDeployments_RouteListedWithItsHealth()
    {
        var scenario = await TenantScenario.CreateAsync(platform.Admin);
        var (email, password) = await CreateMemberAsync(scenario, MemberRole.TenantAdmin);
        var model = "browser-route-" + Guid.NewGuid().ToString("N")[..6];

        await RunInBrowserAsync(async page =>
        {
            await SignInAsync(page, email, password);
            await CreateRouteAsync(page, model);
            await SeeRouteHealthAsync(page, scenario, model);
        });
    }

    private async Task<(string Email, string Password)> CreateMemberAsync(TenantScenario scenario, MemberRole role)
    {
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        const string password = "Correct-Horse-Battery-9";
        var member = await platform.Admin.PostAsync<MemberDto>($"/api/tenants/{scenario.Tenant.Id}/members", new CreateMemberRequest(email, password, role));
        await platform.Admin.PutAsync<TeamMemberDto>($"/api/tenants/{scenario.Tenant.Id}/teams/{scenario.Team.Id}/members/{member.Id}", new SetTeamMemberRequest());
        return (email, password);
    }

    /// <summary>Runs the steps in a fresh headless Chromium; a failure carries a screenshot, the console and the page.</summary>
    private async Task RunInBrowserAsync(Func<IPage, Task> steps)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestServices.Chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        var console = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        try
        {
            await steps(page);
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            var screenshot = Path.Combine(Path.GetTempPath(), $"switchyard-portal-{Guid.NewGuid():N}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            throw new InvalidOperationException(
                $"{e.Message}\nURL: {page.Url}\nScreenshot: {screenshot}\nBrowser console:\n{string.Join('\n', console)}\nHost errors:\n{HostErrors()}\nPage:\n{await page.ContentAsync()}", e);
        }
    }

    private string HostErrors() => string.Join('\n', platform.Host.Output.Split('\n')
        .SkipWhile(line => !line.StartsWith("fail", StringComparison.Ordinal)).Take(40));

    private async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync(platform.PortalUrl + "/account/login");
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync(email);
    }

    /// <summary>A weighted route to two mock deployments (the mock provider needs no credential), through the editor.</summary>
    private async Task CreateRouteAsync(IPage page, string model)
    {
        await OpenInteractiveAsync(page, "/routes");
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

    private async Task SignInCreateKeyAndSeeUsageAsync(IPage page, string email, string password)
    {
        await SignInAsync(page, email, password);

        await OpenInteractiveAsync(page, "/keys");
        await page.GetByTestId("create-key").ClickAsync();
        await page.Locator("#key-name").FillAsync("browser-key");
        await page.GetByTestId("create-key-confirm").ClickAsync();
        var secret = await page.Locator("#key-secret").InputValueAsync();
        Assert.StartsWith("sk-sy-", secret);
        await Assertions.Expect(page.GetByTestId("keys-table")).ToContainTextAsync("browser-key");

        await Eventually.HoldsAsync(
            async () => await GatewayCalls.ChatAsync(platform.GatewayUrl, secret) == HttpStatusCode.OK,
            TimeSpan.FromSeconds(5), "the new key works on the gateway");

        await OpenInteractiveAsync(page, "/usage");
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
        await OpenInteractiveAsync(page, "/");
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

        await OpenInteractiveAsync(page, "/models/compare");
        await Assertions.Expect(page.GetByTestId("compare-name").First).ToContainTextAsync(TenantScenario.MockModel);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "portal-model-comparison.png"), FullPage = true });
    }

    /// <summary>Loads a portal page and waits until its circuit is interactive (before that, clicks do nothing).</summary>
    private async Task OpenInteractiveAsync(IPage page, string path)
    {
        await page.GotoAsync(platform.PortalUrl + path);
        await page.Locator("[data-testid=render-mode][data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }
}
