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
    public void Render_ShowsCostPerRequestPerKeyAndSpendTotalsPerTeamModelAndTag()
    {
        var teamId = _key.TeamId;
        Api.Totals[0] = Api.Totals[0] with { CostMicros = 1_234_500 };
        Api.Usage[0] = Api.Usage[0] with { CostMicros = 12_500, PriceVersion = "builtin-2025-11:gpt-4o-mini", Tags = ["cost-center:4711"] };
        Api.Usage[1] = Api.Usage[1] with { CostMicros = 40, Estimated = true };
        Api.Spend["team"].Add(Group(teamId.ToString(), "Search", 1_234_500));
        Api.Spend["model"].AddRange([Group("gpt-4o-mini", null, 1_000_000), Group("gpt-4o", null, 234_500)]);
        Api.Spend["tag"].Add(Group("cost-center:4711", null, 1_000_000));

        var page = RenderPage<Usage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=usage-row]").Count));
        var costs = page.FindAll("[data-testid=usage-row-cost]").Select(c => c.TextContent.Trim()).ToList();
        Assert.StartsWith("$0.0125", costs[0]);
        Assert.StartsWith("$0.000040", costs[1]);
        Assert.Single(page.FindAll("[data-testid=usage-row-estimated]"));
        Assert.Contains("cost-center:4711", page.FindAll("[data-testid=usage-row-tags]")[0].TextContent);
        Assert.Equal("$1.2345", page.Find("[data-testid=usage-total-cost]").TextContent.Trim());
        Assert.Equal("Search", page.Find("[data-testid=spend-team-row]").TextContent.Trim());
        Assert.Equal(["gpt-4o-mini", "gpt-4o"], page.FindAll("[data-testid=spend-model-row]").Select(r => r.TextContent.Trim()).ToList());
        Assert.Equal("$1.0000", page.Find("[data-testid=spend-tag-cost]").TextContent.Trim());
        Assert.Contains("$1.2345", page.Find("[data-testid=spend-total]").TextContent);
    }

    [Fact]
    public void ChangePeriod_Last30Days_AsksForSpendOverThatRange()
    {
        var page = RenderPage<Usage>();
        page.WaitForAssertion(() => Assert.Equal(3, Api.SpendQueries.Count));
        Assert.All(Api.SpendQueries, q => Assert.Equal(TimeSpan.FromDays(7), q.To - q.From));

        page.Pick("usage-range", "Last 30 days");

        page.WaitForAssertion(() => Assert.Equal(6, Api.SpendQueries.Count));
        Assert.Equal(["team", "model", "tag"], Api.SpendQueries.Skip(3).Select(q => q.GroupBy).ToList());
        Assert.All(Api.SpendQueries.Skip(3), q => Assert.Equal((FakeControlPlaneClient.Now.AddDays(-30), FakeControlPlaneClient.Now), (q.From, q.To)));
    }

    private static SpendGroupDto Group(string key, string? label, long cost) => new(key, label, cost, 1, 10, 4, 0, 0, 0, 0);

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

    [Fact]
    public void Older_MoreThanAPage_ShowsTheNextHundredAndBackAgain()
    {
        Api.Usage.Clear();
        for (var i = 0; i < 130; i++)
        {
            Api.Usage.Add(Record(_key.TeamId, "gpt-4o", 200, 10, null) with { Timestamp = FakeControlPlaneClient.Now.AddMinutes(-i) });
        }

        var page = RenderPage<Usage>();
        page.WaitForAssertion(() => Assert.Equal(Usage.PageSize, page.FindAll("[data-testid=usage-row]").Count));
        Assert.True(page.Find("[data-testid=usage-newer]").HasAttribute("disabled"));

        page.Find("[data-testid=usage-older]").Click();

        page.WaitForAssertion(() => Assert.Equal(30, page.FindAll("[data-testid=usage-row]").Count));
        Assert.Equal("Requests 101–130, newest first", page.Find("[data-testid=usage-page-range]").TextContent.Trim());
        Assert.True(page.Find("[data-testid=usage-older]").HasAttribute("disabled"));
        Assert.Equal(100, Api.UsageQueries[^1].Offset);

        page.Find("[data-testid=usage-newer]").Click();

        page.WaitForAssertion(() => Assert.Equal(Usage.PageSize, page.FindAll("[data-testid=usage-row]").Count));
        Assert.Equal(0, Api.UsageQueries[^1].Offset);
    }

    [Fact]
    public void Filter_StatusFailed_ListsOnlyFailedRequestsFromTheFirstPage()
    {
        var page = RenderPage<Usage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=usage-row]").Count));

        page.Pick("usage-status-filter", "Failed");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=usage-row]")));
        Assert.Equal("gpt-4o", page.Find("[data-testid=usage-row-model]").TextContent.Trim());
        Assert.Equal(("error", 0), (Api.UsageQueries[^1].Status, Api.UsageQueries[^1].Offset));
    }

    [Fact]
    public void Filter_TeamAndPeriod_AreSentWithTheQuery()
    {
        var other = Api.AddTeam("Ads");
        var page = RenderPage<Usage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=usage-row]").Count));

        page.Pick("usage-team-filter", "Ads");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=usage-row]")));
        var query = Api.UsageQueries[^1];
        Assert.Equal(other.Id, query.TeamId);
        Assert.Equal(FakeControlPlaneClient.Now.AddDays(-7), query.From);
        Assert.Equal("No requests match.", page.Find("[data-testid=usage-page-range]").TextContent.Trim());
    }

    [Fact]
    public void Filter_Model_ListsOnlyItsRequestsAndSendsItWithTheQuery()
    {
        Api.Spend["model"].AddRange([Group("gpt-4o-mini", null, 1_000_000), Group("gpt-4o", null, 234_500)]);
        var page = RenderPage<Usage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=usage-row]").Count));

        page.Pick("usage-model-filter", "gpt-4o");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=usage-row]")));
        Assert.Equal("gpt-4o", page.Find("[data-testid=usage-row-model]").TextContent.Trim());
        Assert.Equal(("gpt-4o", 0), (Api.UsageQueries[^1].Model, Api.UsageQueries[^1].Offset));
    }

    private UsageRecordDto Record(Guid teamId, string model, int status, double latency, double? ttft) =>
        new(Guid.NewGuid(), FakeControlPlaneClient.Now, teamId, _key.Id, model, "mock", false, 10, 4, status,
            status >= 400 ? "rate_limited" : null, latency, ttft);
}
