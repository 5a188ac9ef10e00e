using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.EndToEndTests.Portal;

/// <summary>The Chargeback page in Chromium: finance downloads the period's CSV, whose totals row is the figure on the page.</summary>
[Collection(PortalBrowserCollection.Name)]
public class ChargebackBrowserTests(EmbeddedPlatformFixture platform)
{
    private const int Calls = 3;

    [Fact]
    public async Task DownloadCsv_ThroughThePortal_TotalsRowEqualsThePagesTotal()
    {
        var scenario = await TenantScenario.CreateAsync(platform.Admin);
        var finance = await PortalBrowser.CreateMemberAsync(platform, scenario, MemberRole.Finance);
        var key = await scenario.CreateKeyAsync(platform.Admin);
        await Eventually.HoldsAsync(
            async () => await GatewayCalls.ChatAsync(platform.GatewayUrl, key) == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "the key works on the gateway");
        for (var i = 1; i < Calls; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await GatewayCalls.ChatAsync(platform.GatewayUrl, key));
        }

        await PortalBrowser.RunAsync(platform, async (_, page) =>
        {
            await page.SignInAsync(platform, finance);
            var thisMonth = DateTimeOffset.UtcNow.ToString("MMMM yyyy", CultureInfo.InvariantCulture) + " (to date)";
            await Eventually.HoldsAsync(async () =>
            {
                await page.OpenInteractiveAsync(platform, "/chargeback");
                await page.GetByTestId("chargeback-range").WaitForAsync();
                await page.PickAsync("chargeback-period", thisMonth);
                await Assertions.Expect(page.GetByTestId("chargeback-range")).ToContainTextAsync(DateTimeOffset.UtcNow.ToString("yyyy-MM-01", CultureInfo.InvariantCulture));
                return (await page.GetByTestId("chargeback-total-requests").TextContentAsync())?.Trim() == Calls.ToString(CultureInfo.InvariantCulture);
            }, TimeSpan.FromSeconds(30), "the page counts the calls of this month");
            var pageRequests = (await page.GetByTestId("chargeback-total-requests").TextContentAsync())!.Trim();
            var pageInput = (await page.GetByTestId("chargeback-total-input").TextContentAsync())!.Trim();
            var pageCost = (await page.GetByTestId("chargeback-total-cost").TextContentAsync())!.Trim();

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("chargeback-export-csv").ClickAsync());
            Assert.Contains("/downloads/chargeback?", download.Url, StringComparison.Ordinal);
            Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
            var path = Path.Combine(Path.GetTempPath(), $"switchyard-chargeback-{Guid.NewGuid():N}.csv");
            await download.SaveAsAsync(path);
            var rows = (await File.ReadAllLinesAsync(path)).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
            File.Delete(path);

            var header = rows[0];
            var total = Assert.Single(rows, r => r[0] == "total");
            string Column(string name) => total[Array.IndexOf(header, name)];
            Assert.Equal(pageRequests, long.Parse(Column("requests"), CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture));
            Assert.Equal(pageInput, long.Parse(Column("input_tokens"), CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture));
            // The page shows dollars to 4 decimals (6 below a cent); the CSV has them to the micro-dollar.
            var shown = decimal.Parse(pageCost.TrimStart('$'), NumberStyles.Number, CultureInfo.InvariantCulture);
            var exact = decimal.Parse(Column("cost_usd"), CultureInfo.InvariantCulture);
            var decimals = pageCost.Length - pageCost.IndexOf('.', StringComparison.Ordinal) - 1;
            Assert.Equal(shown, Math.Round(exact, decimals, MidpointRounding.AwayFromZero));
            Assert.Equal(long.Parse(Column("cost_micros"), CultureInfo.InvariantCulture), (long)(exact * 1_000_000m));
        });
    }
}
