using Microsoft.Playwright;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.EndToEndTests.Portal;

/// <summary>Keyboard use in Chromium: every control reached with Tab shows a visible focus indicator.</summary>
[Collection(PortalBrowserCollection.Name)]
public class KeyboardFocusBrowserTests(EmbeddedPlatformFixture platform)
{
    [Fact]
    public async Task Tab_ThroughSignInAndKeysPages_EveryFocusedControlHasAVisibleOutline()
    {
        var scenario = await TenantScenario.CreateAsync(platform.Admin);
        var admin = await PortalBrowser.CreateMemberAsync(platform, scenario, MemberRole.TenantAdmin);
        await scenario.CreateKeyAsync(platform.Admin);

        await PortalBrowser.RunAsync(platform, async (_, page) =>
        {
            await page.GotoAsync(platform.PortalUrl + "/account/login");
            Assert.Empty(await InvisibleFocusAsync(page, 4));

            await page.SignInAsync(platform, admin);
            await page.OpenInteractiveAsync(platform, "/keys");
            await Assertions.Expect(page.Locator(".mud-table-loading-progress")).ToHaveCountAsync(0);
            Assert.Empty(await InvisibleFocusAsync(page, 25));
        });
    }

    /// <summary>Presses Tab <paramref name="presses"/> times; the focused controls that show neither an outline nor a focus ring.</summary>
    private static async Task<List<string>> InvisibleFocusAsync(IPage page, int presses)
    {
        var invisible = new List<string>();
        var reached = 0;
        for (var i = 0; i < presses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var problem = await page.EvaluateAsync<string?>("""
                () => {
                  const e = document.activeElement;
                  if (!e || e === document.body) return null;
                  const style = getComputedStyle(e);
                  const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
                  const ringed = style.boxShadow && style.boxShadow !== 'none';
                  return outlined || ringed ? '' : e.outerHTML.slice(0, 160);
                }
                """);
            if (problem is null)
            {
                continue;
            }

            reached++;
            if (problem.Length > 0)
            {
                invisible.Add(problem);
            }
        }

        Assert.True(reached > 0, "Tab reached no control");
        return invisible;
    }
}
