using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Portal.Tests.Infrastructure;
using static Switchyard.Portal.Tests.Components.Pages.Dashboard.AnalyticsTestData;
using DashboardPage = Switchyard.Portal.Components.Pages.Dashboard.Dashboard;

namespace Switchyard.Portal.Tests.Components.Pages.Dashboard;

public sealed class DashboardChartsTests : PortalTestContext
{
    [Fact]
    public void Render_WithUsage_ChartsStatsAndTopLists()
    {
        SignIn();
        var from = FakeControlPlaneClient.Now.AddHours(-24);
        Api.Analytics["model"] = Hourly("model", Series("gpt-4o", null, 300, 3, 800, 5_000_000, from), Series("claude", null, 120, 0, 1_500, 2_000_000, from));
        Api.Analytics["team"] = Hourly("team", Series(Guid.NewGuid().ToString(), "Search", 420, 3, 900, 7_000_000, from));
        Api.Analytics["key"] = Hourly("key", Series(Guid.NewGuid().ToString(), "ci-key", 420, 3, 900, 7_000_000, from));

        var page = RenderPage<DashboardPage>();

        page.WaitForAssertion(() => Assert.Equal("516", page.Find("[data-testid=stat-requests]").TextContent.Trim()));
        Assert.Equal("420 ms", page.Find("[data-testid=stat-p95]").TextContent.Trim());
        foreach (var chart in new[] { "chart-requests", "chart-latency", "chart-ttft", "chart-tokens", "chart-cost", "chart-cache" })
        {
            Assert.NotEmpty(page.FindAll($"[data-testid={chart}] svg path"));
        }

        Assert.Equal(["gpt-4o", "claude"], page.FindAll("[data-testid=top-models-row] td:first-child").Select(td => td.TextContent.Trim()));
        Assert.Contains("Search", page.Find("[data-testid=top-teams]").TextContent);
        Assert.Contains("ci-key", page.Find("[data-testid=top-keys]").TextContent);
        Assert.Contains(Api.AnalyticsQueries, q => q is { Interval: "hour", GroupBy: "model" } && q.To - q.From == TimeSpan.FromHours(24));
    }

    [Fact]
    public void AutoRefresh_On_ReloadsEachIntervalUntilTurnedOff()
    {
        SignIn();
        var clock = (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();
        var page = RenderPage<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal(3, Api.AnalyticsQueries.Count));

        clock.Advance(DashboardPage.AutoRefreshInterval);
        Assert.Equal(3, Api.AnalyticsQueries.Count); // off by default

        page.Find("[data-testid=dashboard-auto-refresh] input").Change(true);
        clock.Advance(DashboardPage.AutoRefreshInterval);
        page.WaitForAssertion(() => Assert.Equal(6, Api.AnalyticsQueries.Count));

        page.Find("[data-testid=dashboard-auto-refresh] input").Change(false);
        clock.Advance(DashboardPage.AutoRefreshInterval * 3);
        Assert.Equal(6, Api.AnalyticsQueries.Count);
    }

    [Fact]
    public void RangePicked_SevenDays_AsksDailyAnalyticsForThatPeriod()
    {
        SignIn();
        var page = RenderPage<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal(3, Api.AnalyticsQueries.Count));

        page.Pick("dashboard-range", "Last 7 days");

        page.WaitForAssertion(() => Assert.Contains(Api.AnalyticsQueries, q => q is { Interval: "day", GroupBy: "model" } && q.To - q.From == TimeSpan.FromDays(7)));
    }

    [Fact]
    public void Render_AnalyticsFails_ShowsTheError()
    {
        SignIn();
        Api.Failures["GetAnalyticsAsync"] = FakeControlPlaneClient.Problem("The from field must be before to.");

        var page = RenderPage<DashboardPage>();

        page.WaitForAssertion(() => Assert.Contains("The from field must be before to.", page.Markup));
    }
}
