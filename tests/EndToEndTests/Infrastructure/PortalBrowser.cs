using Microsoft.Playwright;
using Switchyard.Shared.Admin;

namespace Switchyard.EndToEndTests.Infrastructure;

/// <summary>
/// The portal in a real headless Chromium against the all-in-one host: runs a test's steps in a fresh browser and, when a
/// step fails, reports the URL, a screenshot, the browser console, the host's errors and the page. Also the steps every
/// portal test shares (create a member, sign in, open a page once it is interactive).
/// </summary>
public static class PortalBrowser
{
    public const string Password = "Correct-Horse-Battery-9";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    /// <summary>
    /// Runs the steps with a page of a new browser context (<paramref name="options"/>: viewport, permissions…);
    /// <paramref name="diagnostics"/> adds to a failure's report (another process's output).
    /// </summary>
    public static async Task RunAsync(
        EmbeddedPlatformFixture platform, Func<IBrowser, IPage, Task> steps, BrowserNewContextOptions? options = null, Func<string>? diagnostics = null)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestServices.Chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
        var context = await browser.NewContextAsync(options ?? new BrowserNewContextOptions());
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        var console = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        try
        {
            await steps(browser, page);
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException or Xunit.Sdk.XunitException)
        {
            var screenshot = Path.Combine(Path.GetTempPath(), $"switchyard-portal-{Guid.NewGuid():N}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            throw new InvalidOperationException(
                $"{e.Message}\nURL: {page.Url}\nScreenshot: {screenshot}\nBrowser console:\n{string.Join('\n', console)}\nHost errors:\n{HostErrors(platform)}\n{diagnostics?.Invoke()}\nPage:\n{await page.ContentAsync()}", e);
        }
    }

    /// <summary>A member of the scenario's tenant with a password, in the scenario's team.</summary>
    public static async Task<string> CreateMemberAsync(EmbeddedPlatformFixture platform, TenantScenario scenario, MemberRole role)
    {
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        var member = await platform.Admin.PostAsync<MemberDto>($"/api/tenants/{scenario.Tenant.Id}/members", new CreateMemberRequest(email, Password, role));
        await platform.Admin.PutAsync<TeamMemberDto>($"/api/tenants/{scenario.Tenant.Id}/teams/{scenario.Team.Id}/members/{member.Id}", new SetTeamMemberRequest());
        return email;
    }

    public static async Task SignInAsync(this IPage page, EmbeddedPlatformFixture platform, string email, string password = Password)
    {
        await page.GotoAsync(platform.PortalUrl + "/account/login");
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync(email);
    }

    /// <summary>Loads a portal page and waits until its circuit is interactive (before that, clicks do nothing).</summary>
    public static async Task OpenInteractiveAsync(this IPage page, EmbeddedPlatformFixture platform, string path)
    {
        await page.GotoAsync(platform.PortalUrl + path);
        await page.Locator("[data-testid=render-mode][data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    /// <summary>Opens the MudSelect carrying <paramref name="testId"/> and clicks its item reading <paramref name="option"/>.</summary>
    public static async Task PickAsync(this IPage page, string testId, string option)
    {
        // MudSelect puts the test id on its hidden input: click the visible control around it.
        await page.Locator(".mud-input-control.mud-select").Filter(new LocatorFilterOptions { Has = page.GetByTestId(testId) }).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasTextString = option }).First.ClickAsync();
    }

    /// <summary>
    /// What a screen reader would miss on the page as rendered: not exactly one <c>h1</c>, an input without a label
    /// (<c>label[for]</c>, a wrapping label, <c>aria-label</c> or <c>aria-labelledby</c>), a button showing only an icon
    /// without an accessible name (unless hidden from everyone). Empty when there is nothing to report.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AccessibilityProblemsAsync(this IPage page) => await page.EvaluateAsync<string[]>("""
        () => {
          const problems = [];
          const h1 = document.querySelectorAll('h1').length;
          if (h1 !== 1) problems.push(`${h1} h1 elements`);
          const named = e => !!(e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || e.title);
          for (const input of document.querySelectorAll('input, textarea, select')) {
            if (input.type === 'hidden' || input.hidden) continue;
            if (!(input.labels && input.labels.length > 0) && !named(input)) problems.push('unlabelled input: ' + input.outerHTML.slice(0, 200));
          }
          // Elements hidden from everyone (display: none, aria-hidden) are not read out.
          const hidden = e => e.closest('[aria-hidden=true]') !== null || e.getClientRects().length === 0;
          for (const button of document.querySelectorAll('button, [role=button], a.mud-icon-button')) {
            if (!hidden(button) && !button.textContent.trim() && !named(button)) problems.push('icon button without a name: ' + button.outerHTML.slice(0, 200));
          }
          return problems;
        }
        """);

    private static string HostErrors(EmbeddedPlatformFixture platform) => string.Join('\n', platform.Host.Output.Split('\n')
        .SkipWhile(line => !line.StartsWith("fail", StringComparison.Ordinal)).Take(40));
}
