using Bunit;
using Switchyard.Portal.Components.Pages.Dashboard;
using Switchyard.Portal.Tests.Infrastructure;
using static Switchyard.Portal.Tests.Components.Pages.Dashboard.AnalyticsTestData;

namespace Switchyard.Portal.Tests.Components.Pages.Dashboard;

public sealed class ModelComparisonPageTests : PortalTestContext
{
    [Fact]
    public void Render_TwoModels_SideBySideWithCostPerThousandRequests()
    {
        SignIn();
        var from = FakeControlPlaneClient.Now.AddDays(-7);
        Api.Analytics["model"] = Hourly("model", Series("gpt-4o", null, 2_000, 20, 1_250, 5_000_000, from), Series("claude", null, 500, 0, 640, 250_000, from));

        var page = RenderPage<ModelComparison>();

        page.WaitForAssertion(() => Assert.Equal(["gpt-4o", "claude"], page.FindAll("[data-testid=compare-name]").Select(c => c.TextContent.Trim())));
        Assert.Equal(["$2.5000", "$0.5000"], page.FindAll("[data-testid=compare-cost-per-1k]").Select(c => c.TextContent.Trim()));
        Assert.Equal(["1.25 s", "640 ms"], page.FindAll("[data-testid=compare-p95]").Select(c => c.TextContent.Trim()));
        Assert.Equal(["1.0%", "0.0%"], page.FindAll("[data-testid=compare-error-rate]").Select(c => c.TextContent.Trim()));
        Assert.NotEmpty(page.FindAll("[data-testid=compare-latency-chart] svg rect, [data-testid=compare-latency-chart] svg path"));
    }

    [Fact]
    public void GroupPicked_Deployments_AsksAnalyticsByDeployment()
    {
        SignIn();
        var page = RenderPage<ModelComparison>();
        page.WaitForAssertion(() => Assert.Single(Api.AnalyticsQueries));

        page.Pick("compare-group", "Deployments");

        page.WaitForAssertion(() => Assert.Equal("deployment", Api.AnalyticsQueries[^1].GroupBy));
    }
}
