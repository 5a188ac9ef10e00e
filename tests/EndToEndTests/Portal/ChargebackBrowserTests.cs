using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.EndToEndTests.Portal;

/// <summary>
/// The Chargeback page in Chromium: finance picks custom days around the calls and downloads their CSV, whose totals row
/// is the figure on the page and the admin API's, priced (non-zero) and split per token kind.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public class ChargebackBrowserTests(EmbeddedPlatformFixture platform)
{
    private const int Calls = 3;
    private const string PricedModel = "priced-mock";

    [Fact]
    public async Task DownloadCsv_ThroughThePortal_TotalsRowEqualsThePagesTotal()
    {
        var scenario = await TenantScenario.CreateAsync(platform.Admin);
        await platform.Admin.CreateRouteAsync(scenario.Tenant.Id, new RouteRequest(PricedModel,
            [new DeploymentRequest(ProviderKinds.Mock, "mock-1", InputPricePerMTok: 300m, OutputPricePerMTok: 900m)]));
        var finance = await PortalBrowser.CreateMemberAsync(platform, scenario, MemberRole.Finance);
        var key = await scenario.CreateKeyAsync(platform.Admin);
        var before = DateTimeOffset.UtcNow;
        await Eventually.HoldsAsync(
            async () => await GatewayCalls.ChatAsync(platform.GatewayUrl, key, PricedModel) == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "the key works on the gateway");
        for (var i = 1; i < Calls; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await GatewayCalls.ChatAsync(platform.GatewayUrl, key, PricedModel));
        }

        // Custom days around the calls (the tenant's zone is UTC), a day's margin each side: not "this month to date",
        // which a run across a month change would split, leaving some calls in the month before.
        var after = DateTimeOffset.UtcNow;
        var firstDay = DateOnly.FromDateTime(before.UtcDateTime).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var lastDay = DateOnly.FromDateTime(after.UtcDateTime).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await PortalBrowser.RunAsync(platform, async (_, page) =>
        {
            await page.SignInAsync(platform, finance);
            await Eventually.HoldsAsync(async () =>
            {
                await page.OpenInteractiveAsync(platform, "/chargeback");
                await page.GetByTestId("chargeback-range").WaitForAsync();
                await page.PickAsync("chargeback-period", "Custom days…");
                await page.GetByTestId("chargeback-from").FillAsync(firstDay);
                await page.GetByTestId("chargeback-from").PressAsync("Tab");
                await page.GetByTestId("chargeback-to").FillAsync(lastDay);
                await page.GetByTestId("chargeback-to").PressAsync("Tab");
                await Assertions.Expect(page.GetByTestId("chargeback-range")).ToContainTextAsync($"{firstDay} to {lastDay}");
                return (await page.GetByTestId("chargeback-total-requests").TextContentAsync())?.Trim() == Calls.ToString(CultureInfo.InvariantCulture);
            }, TimeSpan.FromSeconds(30), "the page counts the calls of the days around them");
            var pageRequests = (await page.GetByTestId("chargeback-total-requests").TextContentAsync())!.Trim();
            var pageInput = (await page.GetByTestId("chargeback-total-input").TextContentAsync())!.Trim();
            var pageCost = (await page.GetByTestId("chargeback-total-cost").TextContentAsync())!.Trim();
            var pageKinds = new Dictionary<string, string>();
            foreach (var cell in await page.GetByTestId("chargeback-total-kind-cost").AllAsync())
            {
                pageKinds[(await cell.GetAttributeAsync("data-kind"))!] = (await cell.TextContentAsync())!.Trim();
            }

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

            // The same range from the admin API: the CSV's totals are its totals, priced, and split per token kind.
            var query = System.Web.HttpUtility.ParseQueryString(new Uri(download.Url).Query);
            var api = await platform.Admin.GetAsync<ChargebackDto>(
                $"/api/tenants/{scenario.Tenant.Id}/chargeback?from={Uri.EscapeDataString(query["from"]!)}&to={Uri.EscapeDataString(query["to"]!)}&groupBy=team");
            long Micros(string name) => long.Parse(Column(name), CultureInfo.InvariantCulture);
            Assert.Equal(Calls, api.Total.Requests);
            Assert.True(api.Total.CostMicros > 0, "the priced model's calls cost something");
            Assert.Equal(api.Total.CostMicros, Micros("cost_micros"));
            Assert.Equal(api.Total.InputTokens, Micros("input_tokens"));
            Assert.Equal(api.Total.OutputTokens, Micros("output_tokens"));
            Assert.True(api.Total.InputCostMicros > 0 && api.Total.OutputCostMicros > 0, "input and output were both priced");
            Assert.Equal(api.Total.InputCostMicros, Micros("input_cost_micros"));
            Assert.Equal(api.Total.OutputCostMicros, Micros("output_cost_micros"));
            Assert.Equal(api.Total.CostMicros, Micros("input_cost_micros") + Micros("cached_input_cost_micros") + Micros("cache_write_cost_micros")
                + Micros("output_cost_micros") + Micros("reasoning_cost_micros") + Micros("unattributed_cost_micros"));
            Assert.Equal(
                new Dictionary<string, string> { ["input"] = CostText(api.Total.InputCostMicros), ["output"] = CostText(api.Total.OutputCostMicros) },
                pageKinds);
        });
    }

    /// <summary>Dollars as the portal shows them: 4 decimals, 6 below a cent.</summary>
    private static string CostText(long micros) =>
        "$" + (micros / 1_000_000m).ToString(micros is > -10_000 and < 10_000 ? "0.000000" : "N4", CultureInfo.InvariantCulture);
}
