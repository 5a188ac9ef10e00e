using Bunit;
using Switchyard.Portal.Components.Pages.Budgets;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.Portal.Tests.Components.Pages;

public sealed class BudgetsPageTests : PortalTestContext
{
    private readonly TeamDto _team;

    public BudgetsPageTests()
    {
        _team = Api.AddTeam("Search");
        Api.Teams[0] = _team = _team with { Budget = new Budget(100m), Limits = new RateLimits(RequestsPerMinute: 600) };
        var now = FakeControlPlaneClient.Now;
        Api.Budgets.Add(new BudgetStatusDto("team", _team.Id, "Search", 100m, "month", "m2026-03", 85m,
            new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), 120m));
        Api.BudgetAlerts.Add(new BudgetAlertDto(Guid.NewGuid(), "team", _team.Id, "m2026-03", 80, 81m, 100m, now, "delivered"));
    }

    [Fact]
    public void Render_Developer_SeesSpendBarsForecastLimitsAndAlertsWithoutEditing()
    {
        SignIn(MemberRole.Developer);

        var page = RenderPage<Budgets>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=budget-row]")));
        Assert.Contains("$85", page.Find("[data-testid=budget-spent]").TextContent, StringComparison.Ordinal);
        Assert.Contains("85 %", page.Find("[data-testid=budget-spent]").TextContent, StringComparison.Ordinal);
        Assert.Contains("until 2026-04-01", page.Find("[data-testid=budget-period-text]").TextContent, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-testid=budget-forecast-over]"));
        Assert.Equal(["tenant Acme", "team Search"], page.FindAll("[data-testid=limits-row]").Select(r => r.TextContent.Trim()));
        Assert.Contains("80", page.Find("[data-testid=budget-alerts-table]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=budget-edit]"));
        Assert.Empty(page.FindAll("[data-testid=limits-edit]"));
    }

    [Fact]
    public void EditTeamBudget_TenantAdmin_PatchesTheTeamsBudget()
    {
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<Budgets>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=budget-edit]")));

        page.Find("[data-testid=budget-edit]").Click();
        page.Find("#budget-amount").Change("250");
        page.Find("[data-testid=limits-save]").Click();

        page.WaitForAssertion(() => Assert.Single(Api.UpdatedTeamRequests));
        var (teamId, request) = Api.UpdatedTeamRequests[0];
        Assert.Equal(_team.Id, teamId);
        Assert.Equal((250m, "month"), (request.Budget!.AmountUsd, request.Budget.Period));
        Assert.Equal(600, request.Limits!.RequestsPerMinute); // the team's limits are sent as they were
    }

    [Fact]
    public void EditTenant_LimitsPerModelAndBudget_PatchesTheTenant()
    {
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<Budgets>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=limits-edit]").Count));

        page.FindAll("[data-testid=limits-edit]")[0].Click();
        page.Find("#edit-limits-rpm").Input("1200");
        page.Find("[data-testid=edit-limits-model-add]").Click();
        page.Find("#edit-limits-model-0").Input("gpt-4o");
        page.Find("#edit-limits-model-0-tpm").Input("50000");
        page.Find("input[data-testid=budget-enabled]").Change(true);
        page.Find("#budget-amount").Change("500");
        page.Find("[data-testid=limits-save]").Click();

        page.WaitForAssertion(() => Assert.Single(Api.UpdatedTenantRequests));
        var request = Api.UpdatedTenantRequests[0];
        Assert.Equal(1200, request.Limits!.RequestsPerMinute);
        Assert.Equal(50000, Assert.Single(request.Limits.ModelLimits!, m => m.Key == "gpt-4o").Value.TokensPerMinute);
        Assert.Equal((500m, "month", false), (request.Budget!.AmountUsd, request.Budget.Period, request.Budget.Remove));
        page.WaitForAssertion(() => Assert.Contains("gpt-4o", page.FindAll("[data-testid=limits-models]")[0].TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void EditKey_ClearLimitsAndBudget_SendsEmptyLimitsAndRemovesTheBudget()
    {
        var key = Api.AddKey(_team, "search-prod", "sk-sy-abc");
        Api.Keys[0] = key with
        {
            Limits = new RateLimits(TokensPerMinute: 10_000, ModelLimits: new Dictionary<string, ModelRateLimits> { ["gpt-4o"] = new(RequestsPerMinute: 5) }),
            Budget = new Budget(20m, BudgetPeriods.Day),
        };
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<Budgets>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=limits-edit]").Count));

        page.FindAll("[data-testid=limits-edit]")[2].Click();
        page.Find("#edit-limits-tpm").Input("");
        page.Find("[data-testid=edit-limits-model-0-remove]").Click();
        page.Find("input[data-testid=budget-enabled]").Change(false);
        page.Find("[data-testid=limits-save]").Click();

        page.WaitForAssertion(() => Assert.Single(Api.UpdatedKeyRequests));
        var request = Api.UpdatedKeyRequests[0];
        Assert.True(request.Limits!.IsEmpty);
        Assert.True(request.Budget!.Remove);
    }

    [Fact]
    public void Render_RecentRefusals_ListsThe429sWithTheirReason()
    {
        SignIn(MemberRole.Finance);
        Api.Usage.Add(new UsageRecordDto(Guid.NewGuid(), FakeControlPlaneClient.Now, _team.Id, Guid.NewGuid(), "gpt-4o", null, false, 0, 0, 429, "budget_exceeded", 2, null));
        Api.Usage.Add(new UsageRecordDto(Guid.NewGuid(), FakeControlPlaneClient.Now, _team.Id, Guid.NewGuid(), "gpt-4o", "openai", false, 10, 5, 200, null, 80, 20));

        var page = RenderPage<Budgets>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=refusal-reason]")));
        Assert.Equal("budget_exceeded", page.Find("[data-testid=refusal-reason]").TextContent.Trim());
    }
}
