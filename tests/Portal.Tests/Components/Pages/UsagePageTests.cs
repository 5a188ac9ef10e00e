using Bunit;
using Switchyard.Portal.Components.Pages.Usage;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Pages;

public sealed class UsagePageTests : PortalTestContext
{
    private readonly KeyDto _key;

    public UsagePageTests()
    {
        SignIn();
        var team = Api.AddTeam("Search");
        _key = Api.AddKey(team, "ci-bot", "sk-sy-abc");
        Api.Totals.Add(new UsageKeyTotalsDto(_key.Id, "ci-bot", "sk-sy-abc", team.Id, 2, 30, 12));
        Api.Usage.Add(Record(team.Id, "gpt-4o-mini", 200, 180.4, 95.2));
        Api.Usage.Add(Record(team.Id, "gpt-4o", 429, 3.2, null));
    }

    [Fact]
    public void Render_ShowsTotalsPerKeyAndRecentRequests()
    {
        var page = RenderPage<Usage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=usage-row]").Count));
        Assert.Equal("ci-bot", page.Find("[data-testid=usage-total-row]").TextContent.Trim());
        Assert.Equal("2", page.Find("[data-testid=usage-total-requests]").TextContent.Trim());
        var models = page.FindAll("[data-testid=usage-row-model]").Select(m => m.TextContent.Trim()).ToList();
        Assert.Equal(["gpt-4o-mini", "gpt-4o"], models);
        var statuses = page.FindAll("[data-testid=usage-row-status]").Select(m => m.TextContent.Trim()).ToList();
        Assert.Equal("200", statuses[0]);
        Assert.StartsWith("429", statuses[1]);
        Assert.Contains("sk-sy-abc…", page.Find("[data-testid=usage-records-table]").TextContent);
        Assert.Contains("95 ms", page.Find("[data-testid=usage-records-table]").TextContent);
    }

    [Fact]
    public void Refresh_Click_ShowsNewRequests()
    {
        var page = RenderPage<Usage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=usage-row]").Count));
        Api.Usage.Insert(0, Record(_key.TeamId, "claude-sonnet", 200, 50, 20));

        page.Find("[data-testid=usage-refresh]").Click();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=usage-row]").Count));
        Assert.Equal("claude-sonnet", page.FindAll("[data-testid=usage-row-model]")[0].TextContent.Trim());
    }

    [Fact]
    public void Render_ApiError_ShowsMessage()
    {
        Api.Failures[nameof(Api.GetUsageByKeyAsync)] = FakeControlPlaneClient.Problem("You are not allowed to do this.");

        var page = RenderPage<Usage>();

        page.WaitForAssertion(() => Assert.Contains("not allowed", page.Find("[data-testid=error-alert]").TextContent));
    }

    private UsageRecordDto Record(Guid teamId, string model, int status, double latency, double? ttft) =>
        new(Guid.NewGuid(), FakeControlPlaneClient.Now, teamId, _key.Id, model, "mock", false, 10, 4, status,
            status >= 400 ? "rate_limited" : null, latency, ttft);
}
