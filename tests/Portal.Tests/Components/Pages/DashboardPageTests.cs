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
        Assert.Equal("0", page.Find("[data-testid=stat-expiring-keys]").TextContent.Trim());
        Assert.Equal("http://localhost:8080/v1", page.Find("[data-testid=gateway-url]").TextContent.Trim());
        Assert.Contains("base_url=\"http://localhost:8080/v1\"", page.Find("[data-testid=sdk-snippet]").TextContent);
    }

    [Fact]
    public void Render_KeysExpiringSoon_ListsRemindersLinkingToTheirTeamsKeys()
    {
        SignIn();
        var team = Api.AddTeam("Search");
        var soon = Api.AddKey(team, "batch-job", "sk-b");
        Api.Keys[0] = soon with { ExpiresAt = FakeControlPlaneClient.Now.AddDays(3) };
        var later = Api.AddKey(team, "web", "sk-w");
        Api.Keys[1] = later with { ExpiresAt = FakeControlPlaneClient.Now.AddDays(60) };

        var page = RenderPage<DashboardPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=expiry-reminder]")));
        var reminder = page.Find("[data-testid=expiry-reminder]");
        Assert.Contains("batch-job", reminder.TextContent);
        Assert.Contains("Search", reminder.TextContent);
        Assert.Contains("expires 2026-03-04 12:00 UTC", reminder.TextContent);
        Assert.Equal($"keys?team={team.Id}", reminder.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("1", page.Find("[data-testid=stat-expiring-keys]").TextContent.Trim());
        Assert.Contains(nameof(Api.GetExpiringKeysAsync), Api.Calls);
    }

    [Fact]
    public void Render_NoKeyExpiringSoon_ShowsNoReminders()
    {
        SignIn();
        var team = Api.AddTeam("Search");
        Api.AddKey(team, "web", "sk-w");

        var page = RenderPage<DashboardPage>();

        page.WaitForAssertion(() => Assert.Equal("0", page.Find("[data-testid=stat-expiring-keys]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=expiry-reminders]"));
    }

    [Fact]
    public void Render_RequestCount_StatesItsTimeWindowNotARecordCount()
    {
        SignIn();

        var page = RenderPage<DashboardPage>();

        page.WaitForElement("[data-testid=stat-requests]");
        var card = page.Find("[data-testid=stat-requests]").ParentElement!;
        Assert.Contains("Requests, last 24 hours", card.TextContent);
        Assert.DoesNotContain(nameof(Api.GetUsageAsync), Api.Calls);
    }

    [Fact]
    public void Render_OneH1AndACopyButtonForTheSnippet()
    {
        SignIn();

        var page = RenderPage<DashboardPage>();

        page.WaitForElement("[data-testid=sdk-snippet]");
        Assert.Equal("Dashboard", Assert.Single(page.FindAll("h1")).TextContent.Trim());
        Assert.Single(page.FindAll("[data-testid=copy-sdk-snippet]"));
    }
}
