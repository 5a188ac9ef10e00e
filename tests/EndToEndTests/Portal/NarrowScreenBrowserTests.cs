using Microsoft.Playwright;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.EndToEndTests.Portal;

/// <summary>
/// The portal on a 400 px wide screen in Chromium: the main pages never scroll sideways, the navigation can be opened
/// and used, and each page (the sign-in page too) has one h1, labelled inputs and named icon buttons.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public class NarrowScreenBrowserTests(EmbeddedPlatformFixture platform)
{
    private const int Width = 400;

    [Theory]
    [InlineData("/", "Dashboard")]
    [InlineData("/keys", "Virtual keys")]
    [InlineData("/members", "Members")]
    [InlineData("/chargeback", "Chargeback")]
    public async Task Page_At400PxWide_NoHorizontalOverflowAndAccessible(string path, string title)
    {
        var scenario = await TenantScenario.CreateAsync(platform.Admin);
        var admin = await PortalBrowser.CreateMemberAsync(platform, scenario, MemberRole.TenantAdmin);
        await scenario.CreateKeyAsync(platform.Admin);

        await PortalBrowser.RunAsync(platform, async (_, page) =>
        {
            await page.GotoAsync(platform.PortalUrl + "/account/login");
            Assert.Empty(await page.AccessibilityProblemsAsync());
            Assert.True(await ScrollWidthAsync(page) <= Width, $"the sign-in page is {await ScrollWidthAsync(page)} px wide");

            await page.SignInAsync(platform, admin);
            await page.OpenInteractiveAsync(platform, path);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
            await Assertions.Expect(page.Locator(".mud-table-loading-progress")).ToHaveCountAsync(0);

            var width = await ScrollWidthAsync(page);
            Assert.True(width <= Width, $"{path} is {width} px wide at a {Width} px viewport: {await WidestAsync(page)}");
            Assert.Empty(await page.AccessibilityProblemsAsync());
        }, new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = Width, Height = 800 } });
    }

    [Fact]
    public async Task Navigation_At400PxWide_OpensAndLeadsToAnotherPage()
    {
        var scenario = await TenantScenario.CreateAsync(platform.Admin);
        var admin = await PortalBrowser.CreateMemberAsync(platform, scenario, MemberRole.TenantAdmin);

        await PortalBrowser.RunAsync(platform, async (_, page) =>
        {
            await page.SignInAsync(platform, admin);
            await page.OpenInteractiveAsync(platform, "/");
            var toggle = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Toggle navigation" });
            await Assertions.Expect(toggle).ToBeInViewportAsync();
            var members = page.GetByTestId("nav-members");
            if (!await members.IsVisibleAsync())
            {
                await toggle.ClickAsync();
            }

            await Assertions.Expect(members).ToBeInViewportAsync();
            await members.ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith("/members", StringComparison.Ordinal));
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Members");
            Assert.True(await ScrollWidthAsync(page) <= Width, "the page with the navigation open does not scroll sideways");
        }, new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = Width, Height = 800 } });
    }

    private static Task<int> ScrollWidthAsync(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

    /// <summary>The elements reaching furthest right, to say what overflows when the test fails.</summary>
    private static Task<string> WidestAsync(IPage page) => page.EvaluateAsync<string>($$"""
        () => [...document.querySelectorAll('body *')]
          .map(e => ({ e, right: e.getBoundingClientRect().right }))
          .filter(x => x.right > {{Width}})
          .sort((a, b) => b.right - a.right)
          .slice(0, 5)
          .map(x => `${x.e.tagName.toLowerCase()}.${[...x.e.classList].join('.')}[${x.e.getAttribute('data-testid') ?? ''}] right=${Math.round(x.right)}`)
          .join('; ')
        """);
}
