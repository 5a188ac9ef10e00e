using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Portal.Components.Pages.Routing;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.Portal.Tests.Components.Pages.Routing;

public sealed class RouteHealthPanelTests : PortalTestContext
{
    private static readonly DateTimeOffset Now = FakeControlPlaneClient.Now;
    private readonly RouteDto _route;

    public RouteHealthPanelTests()
    {
        SignIn(MemberRole.Developer);
        _route = Api.AddRoute("gpt-4o",
            FakeControlPlaneClient.Deployment(ProviderKinds.OpenAI, "gpt-4o"),
            FakeControlPlaneClient.Deployment(ProviderKinds.AzureOpenAI, "gpt-4o-eu"));
    }

    private FakeTimeProvider Time => (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();

    [Fact]
    public void Render_NotFound_SaysNoNodeHasReportedYet()
    {
        var panel = RenderPanel();

        panel.WaitForAssertion(() => Assert.Contains("No node has reported yet", panel.Find("[data-testid=route-health-empty]").TextContent));
        Assert.Empty(panel.FindAll("[data-testid=route-health-table]"));
    }

    [Fact]
    public void Render_ReportWithoutDeployments_SaysNoNodeHasReportedYet()
    {
        Api.Health[_route.Id] = new RouteHealthDto(_route.Id, _route.PublicModel, []);

        var panel = RenderPanel();

        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=route-health-empty]")));
    }

    [Fact]
    public void Render_Reports_ShowsOneRowPerDeploymentAndNodeWithColoredBreakerState()
    {
        var first = _route.Deployments[0].Id;
        var second = _route.Deployments[1].Id;
        Api.Health[_route.Id] = new RouteHealthDto(_route.Id, _route.PublicModel,
        [
            new DeploymentNodeHealthDto(second, "node-b", BreakerStates.Open, Now.AddSeconds(20), null, 0, 1.0, 12, Now.AddSeconds(-2)),
            new DeploymentNodeHealthDto(first, "node-a", BreakerStates.Closed, null, 412.6, 3, 0.05, 240, Now.AddSeconds(-3)),
            new DeploymentNodeHealthDto(second, "node-a", BreakerStates.HalfOpen, null, 980, 1, 0.5, 8, Now.AddMinutes(-5)),
        ]);

        var panel = RenderPanel();

        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll("[data-testid=health-node]").Count));
        Assert.Equal(["#1 openai · gpt-4o", "#2 azure-openai · gpt-4o-eu", "#2 azure-openai · gpt-4o-eu"],
            panel.FindAll("[data-testid=health-deployment]").Select(c => c.TextContent.Trim()));
        Assert.Equal(["node-a", "node-a", "node-b"], panel.FindAll("[data-testid=health-node]").Select(c => c.TextContent.Trim()));
        var chips = panel.FindAll("[data-testid=breaker-state]");
        Assert.Equal([BreakerStates.Closed, BreakerStates.HalfOpen, BreakerStates.Open], chips.Select(c => c.TextContent.Trim()));
        Assert.Contains("mud-chip-color-success", chips[0].ClassName);
        Assert.Contains("mud-chip-color-warning", chips[1].ClassName);
        Assert.Contains("mud-chip-color-error", chips[2].ClassName);
        Assert.Equal(["413", "980", "–"], panel.FindAll("[data-testid=health-latency]").Select(c => c.TextContent.Trim()));
        Assert.Equal(["3", "1", "0"], panel.FindAll("[data-testid=health-inflight]").Select(c => c.TextContent.Trim()));
        Assert.Equal(["240", "8", "12"], panel.FindAll("[data-testid=health-requests]").Select(c => c.TextContent.Trim()));
        Assert.Equal(["–", "–", "12:00:20 UTC"], panel.FindAll("[data-testid=health-cooldown]").Select(c => c.TextContent.Trim()));
        var errorRates = panel.FindAll("[data-testid=health-error-rate]").Select(c => c.TextContent.Trim().Replace(" ", "")).ToList();
        Assert.Equal(["5%", "50%", "100%"], errorRates);
        var reported = panel.FindAll("[data-testid=health-reported]").Select(c => c.TextContent.Trim()).ToList();
        Assert.StartsWith("11:59:57 UTC", reported[0]);
        Assert.DoesNotContain("stale", reported[0]);
        Assert.Contains("stale", reported[1]);
    }

    [Fact]
    public void Timer_Elapses_RefreshesWithTheNodesLatestReport()
    {
        var deployment = _route.Deployments[0].Id;
        var panel = RenderPanel();
        panel.WaitForElement("[data-testid=route-health-empty]");

        Api.Health[_route.Id] = new RouteHealthDto(_route.Id, _route.PublicModel,
            [new DeploymentNodeHealthDto(deployment, "node-a", BreakerStates.Open, Now.AddSeconds(30), null, 0, 1, 5, Now)]);
        Time.Advance(RouteHealthPanel.RefreshInterval);

        panel.WaitForAssertion(() => Assert.Equal(BreakerStates.Open, panel.Find("[data-testid=breaker-state]").TextContent.Trim()));
    }

    [Fact]
    public async Task Dispose_StopsRefreshing()
    {
        var panel = RenderPanel();
        panel.WaitForElement("[data-testid=route-health-empty]");
        var calls = Api.Calls.Count(c => c == nameof(Api.GetRouteHealthAsync));

        await DisposeComponentsAsync();
        Time.Advance(RouteHealthPanel.RefreshInterval * 3);

        Assert.Equal(calls, Api.Calls.Count(c => c == nameof(Api.GetRouteHealthAsync)));
    }

    private IRenderedComponent<RouteHealthPanel> RenderPanel() =>
        Render<RouteHealthPanel>(p => p.Add(x => x.TenantId, FakeControlPlaneClient.TenantId).Add(x => x.Route, _route));
}
