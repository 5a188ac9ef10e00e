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
        var email = $"dev-{Guid.NewGuid():N}@example.test";
        const string password = "Correct-Horse-Battery-9";
        await platform.Admin.PostAsync<MemberDto>($"/api/tenants/{scenario.Tenant.Id}/members",
            new CreateMemberRequest(email, password, MemberRole.Developer));

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
            await SignInCreateKeyAndSeeUsageAsync(page, email, password);
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

    private async Task SignInCreateKeyAndSeeUsageAsync(IPage page, string email, string password)
    {

        await page.GotoAsync(platform.PortalUrl + "/account/login");
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync(email);

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
    }

    /// <summary>Loads a portal page and waits until its circuit is interactive (before that, clicks do nothing).</summary>
    private async Task OpenInteractiveAsync(IPage page, string path)
    {
        await page.GotoAsync(platform.PortalUrl + path);
        await page.Locator("[data-testid=render-mode][data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }
}
