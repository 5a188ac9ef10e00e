using Bunit;
using DashboardPage = Switchyard.Portal.Components.Pages.Dashboard.Dashboard;
using Switchyard.Portal.Tests.Infrastructure;

namespace Switchyard.Portal.Tests.Components.Pages;

public sealed class DashboardPageTests : PortalTestContext
{
    [Fact]
    public void Render_ShowsGatewayUrlAndCounts()
    {
        SignIn();
        var team = Api.AddTeam("Search");
        Api.AddKey(team, "a", "sk-a");
        var revoked = Api.AddKey(team, "b", "sk-b");
        Api.Keys[1] = revoked with { Status = "Revoked", RevokedAt = FakeControlPlaneClient.Now };

        var page = RenderPage<DashboardPage>();

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=stat-active-keys]").TextContent.Trim()));
        Assert.Equal("1", page.Find("[data-testid=stat-teams]").TextContent.Trim());
        Assert.Equal("0", page.Find("[data-testid=stat-recent-requests]").TextContent.Trim());
        Assert.Equal("http://localhost:8080/v1", page.Find("[data-testid=gateway-url]").TextContent.Trim());
        Assert.Contains("base_url=\"http://localhost:8080/v1\"", page.Find("[data-testid=sdk-snippet]").TextContent);
    }
}
