using System.Text;
using Bunit;
using Switchyard.Portal.Components.Pages.Chargeback;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Pages.Chargeback;

public sealed class ChargebackPageTests : PortalTestContext
{
    private static readonly DateTimeOffset February = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_Finance_ShowsThePreviousMonthsLinesAndTotals()
    {
        SignIn(MemberRole.Finance);
        Api.Chargeback["team"].Add(Line("t-1", "Search", 1_200, 3_500_000));
        Api.Chargeback["team"].Add(Line("t-2", "Support", 300, 1_250_000));

        var page = RenderPage<Switchyard.Portal.Components.Pages.Chargeback.Chargeback>();

        page.WaitForAssertion(() => Assert.Equal(["Search", "Support"], page.FindAll("[data-testid=chargeback-line-group]").Select(c => c.FirstChild!.TextContent.Trim())));
        Assert.Equal(["$3.5000", "$1.2500"], page.FindAll("[data-testid=chargeback-line-cost]").Select(c => c.TextContent.Trim()));
        Assert.Equal("1,500", page.Find("[data-testid=chargeback-total-requests]").TextContent.Trim());
        Assert.Equal("15,000", page.Find("[data-testid=chargeback-total-input]").TextContent.Trim());
        Assert.Equal("$4.7500", page.Find("[data-testid=chargeback-total-cost]").TextContent.Trim());
        Assert.Equal((February, February.AddMonths(1), "team", true), Api.ChargebackQueries.Single());
        Assert.Contains("2026-02-01 to 2026-02-28", page.Find("[data-testid=chargeback-range]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=chargeback-chart] svg"));
        Assert.Single(page.FindAll("h1"));
    }

    [Fact]
    public void Render_CostPerTokenKind_ColumnsForTheKindsPaidForWithEachLinesAndTheTotalsCost()
    {
        SignIn(MemberRole.Finance);
        Api.Chargeback["team"].Add(Line("t-1", "Search", 100, 3_500_000) with
        {
            InputCostMicros = 1_000_000, CachedInputCostMicros = 250_000, OutputCostMicros = 2_000_000, ReasoningCostMicros = 250_000,
        });
        Api.Chargeback["team"].Add(Line("t-2", "Support", 10, 1_250_000) with { InputCostMicros = 50_000, OutputCostMicros = 200_000, UnattributedCostMicros = 1_000_000 });

        var page = RenderPage<Switchyard.Portal.Components.Pages.Chargeback.Chargeback>();

        page.WaitForAssertion(() => Assert.Equal(
            ["Input cost", "Cached input cost", "Output cost", "Reasoning cost", "Unattributed cost"], // nobody paid for cache writes
            page.FindAll("[data-testid=chargeback-kind-header]").Select(c => c.TextContent.Trim())));
        var cells = page.FindAll("[data-testid=chargeback-line-kind-cost]").Select(c => (c.GetAttribute("data-kind"), c.TextContent.Trim())).ToList();
        Assert.Equal(
            [
                ("input", "$1.0000"), ("cached-input", "$0.2500"), ("output", "$2.0000"), ("reasoning", "$0.2500"), ("unattributed", "$0.000000"),
                ("input", "$0.0500"), ("cached-input", "$0.000000"), ("output", "$0.2000"), ("reasoning", "$0.000000"), ("unattributed", "$1.0000"),
            ],
            cells);
        Assert.Equal(
            [("input", "$1.0500"), ("cached-input", "$0.2500"), ("output", "$2.2000"), ("reasoning", "$0.2500"), ("unattributed", "$1.0000")],
            page.FindAll("[data-testid=chargeback-total-kind-cost]").Select(c => (c.GetAttribute("data-kind"), c.TextContent.Trim())));
        Assert.Equal("$4.7500", page.Find("[data-testid=chargeback-total-cost]").TextContent.Trim());
    }

    [Fact]
    public void Render_NoCostSplit_NoKindColumns()
    {
        SignIn(MemberRole.Finance);
        Api.Chargeback["team"].Add(Line("t-1", "Search", 100, 0));

        var page = RenderPage<Switchyard.Portal.Components.Pages.Chargeback.Chargeback>();

        page.WaitForAssertion(() => Assert.Equal("100", page.Find("[data-testid=chargeback-total-requests]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=chargeback-kind-header]"));
        Assert.Empty(page.FindAll("[data-testid=chargeback-line-kind-cost]"));
    }

    [Fact]
    public void Render_ByTeam_ShowsEachTeamsCostCentre()
    {
        SignIn(MemberRole.Finance);
        var search = Api.AddTeam("Search") with { CostCenter = "CC-42" };
        Api.Teams[Api.Teams.FindIndex(t => t.Id == search.Id)] = search;
        var support = Api.AddTeam("Support");
        Api.Chargeback["team"].Add(Line(search.Id.ToString(), "Search", 10, 3_000_000));
        Api.Chargeback["team"].Add(Line(support.Id.ToString(), "Support", 5, 1_000_000));

        var page = RenderPage<Switchyard.Portal.Components.Pages.Chargeback.Chargeback>();

        page.WaitForAssertion(() => Assert.Equal(["CC-42", ""], page.FindAll("[data-testid=chargeback-line-cost-center]").Select(c => c.TextContent.Trim())));
        page.Pick("chargeback-group-by", "Model");
        page.WaitForAssertion(() => Assert.Equal("model", Api.ChargebackQueries[^1].GroupBy));
        Assert.Empty(page.FindAll("[data-testid=chargeback-line-cost-center]"));
    }

    [Fact]
    public void GroupBy_CostCentre_AsksByCostCentreAndShowsEachCentreAndTheNoneLine()
    {
        SignIn(MemberRole.Finance);
        Api.Chargeback["team"].Add(Line("t-1", "Search", 1, 1));
        Api.Chargeback["costCenter"].Add(Line("CC-42", null, 7, 2_000_000));
        Api.Chargeback["costCenter"].Add(Line("", "(none)", 3, 500_000));
        var page = RenderPage<Switchyard.Portal.Components.Pages.Chargeback.Chargeback>();
        page.WaitForAssertion(() => Assert.Single(Api.ChargebackQueries));

        page.Pick("chargeback-group-by", "Cost centre");

        page.WaitForAssertion(() => Assert.Equal(["CC-42", "(none)"], page.FindAll("[data-testid=chargeback-line-group]").Select(c => c.TextContent.Trim())));
        Assert.Equal("costCenter", Api.ChargebackQueries[^1].GroupBy);
        Assert.Contains("Cost centre", page.Find("[data-testid=chargeback-lines] th").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=chargeback-line-cost-center]")); // the centre is the line itself
        Assert.Equal("$2.5000", page.Find("[data-testid=chargeback-total-cost]").TextContent.Trim());
        Assert.Contains("groupBy=costCenter&format=csv", page.Find("[data-testid=chargeback-export-csv]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void GroupBy_Model_RefetchesAndShowsTheModelLines()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.Chargeback["team"].Add(Line("t-1", "Search", 1, 1));
        Api.Chargeback["model"].Add(Line("gpt-4o", null, 7, 2_000_000));
        var page = RenderPage<Switchyard.Portal.Components.Pages.Chargeback.Chargeback>();
        page.WaitForAssertion(() => Assert.Single(Api.ChargebackQueries));

        page.Pick("chargeback-group-by", "Model");

        page.WaitForAssertion(() => Assert.Equal("gpt-4o", page.Find("[data-testid=chargeback-line-group]").TextContent.Trim()));
        Assert.Equal("model", Api.ChargebackQueries[^1].GroupBy);
        Assert.Equal(February, Api.ChargebackQueries[^1].From);
        Assert.Equal("$2.0000", page.Find("[data-testid=chargeback-total-cost]").TextContent.Trim());
    }

    [Fact]
    public void Period_EarlierMonth_AsksForThatMonth()
    {
        SignIn(MemberRole.Finance);
        var page = RenderPage<Switchyard.Portal.Components.Pages.Chargeback.Chargeback>();
        page.WaitForAssertion(() => Assert.Single(Api.ChargebackQueries));

        page.Pick("chargeback-period", "December 2025");

        var december = new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);
        page.WaitForAssertion(() => Assert.Equal((december, december.AddMonths(1)), (Api.ChargebackQueries[^1].From, Api.ChargebackQueries[^1].To)));
    }

    [Fact]
    public void Period_CurrentMonthToDate_AsksForTheMonthNowIsIn()
    {
        SignIn(MemberRole.Finance);
        var page = RenderPage<Switchyard.Portal.Components.Pages.Chargeback.Chargeback>();
        page.WaitForAssertion(() => Assert.Single(Api.ChargebackQueries));
        var now = FakeControlPlaneClient.Now;
        var month = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);

        page.Pick("chargeback-period", month.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture) + " (to date)");

        page.WaitForAssertion(() => Assert.Equal((month, month.AddMonths(1)), (Api.ChargebackQueries[^1].From, Api.ChargebackQueries[^1].To)));
    }

    [Fact]
    public void Period_CustomDays_AsksFromTheFirstDayToTheDayAfterTheLast()
    {
        SignIn(MemberRole.Finance);
        var page = RenderPage<Switchyard.Portal.Components.Pages.Chargeback.Chargeback>();
        page.WaitForAssertion(() => Assert.Single(Api.ChargebackQueries));

        page.Pick("chargeback-period", "Custom days…");
        page.WaitForElement("input[data-testid=chargeback-from]").Change("2026-02-10");
        page.Find("input[data-testid=chargeback-to]").Change("2026-02-12");

        var from = new DateTimeOffset(2026, 2, 10, 0, 0, 0, TimeSpan.Zero);
        page.WaitForAssertion(() => Assert.Equal((from, from.AddDays(3)), (Api.ChargebackQueries[^1].From, Api.ChargebackQueries[^1].To)));
        Assert.Contains("2026-02-10 to 2026-02-12", page.Find("[data-testid=chargeback-range]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Controls_HaveLabels()
    {
        SignIn(MemberRole.Finance);
        var page = RenderPage<Switchyard.Portal.Components.Pages.Chargeback.Chargeback>();

        page.WaitForAssertion(() => Assert.Equal("Period", page.Find("label[for=chargeback-period]").TextContent.Trim()));
        Assert.Equal("Group by", page.Find("label[for=chargeback-group-by]").TextContent.Trim());
    }

    [Theory]
    [InlineData("csv", "chargeback-export-csv")]
    [InlineData("xlsx", "chargeback-export-xlsx")]
    public void Export_Format_LinksToThePortalsStreamedDownloadOfTheShownRange(string format, string button)
    {
        SignIn(MemberRole.Finance);
        var page = RenderPage<Switchyard.Portal.Components.Pages.Chargeback.Chargeback>();
        page.WaitForAssertion(() => Assert.Single(Api.ChargebackQueries));

        page.Pick("chargeback-group-by", "Model");

        page.WaitForAssertion(() => Assert.Equal(
            $"/downloads/chargeback?from=2026-02-01T00%3A00%3A00.0000000Z&to=2026-03-01T00%3A00%3A00.0000000Z&groupBy=model&format={format}",
            page.Find($"[data-testid={button}]").GetAttribute("href")));
        Assert.NotNull(page.Find($"[data-testid={button}]").GetAttribute("download"));
    }

    [Fact]
    public void Render_TenantInNewYork_AsksForTheLocalMonthAndNamesTheZone()
    {
        SignIn(MemberRole.Finance);
        Api.Tenant = Api.Tenant with { TimeZone = "America/New_York" };

        var page = RenderPage<Switchyard.Portal.Components.Pages.Chargeback.Chargeback>();

        page.WaitForAssertion(() => Assert.Single(Api.ChargebackQueries));
        var (from, to, _, _) = Api.ChargebackQueries[0];
        Assert.Equal((February.AddHours(5), February.AddMonths(1).AddHours(5)), (from, to)); // EST midnights
        Assert.Contains("2026-02-01 to 2026-02-28 (America/New_York)", page.Find("[data-testid=chargeback-range]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DaySeries_StackedChartWithOneSeriesPerGroupOverEveryDay()
    {
        SignIn(MemberRole.Finance);
        Api.Chargeback["team"].Add(Line("t-1", "Search", 10, 3_000_000));
        Api.Chargeback["team"].Add(Line("t-2", "Support", 5, 1_000_000));
        Api.ChargebackDays.Add(new ChargebackDayDto(new DateOnly(2026, 2, 1), "t-1", 2_000_000));
        Api.ChargebackDays.Add(new ChargebackDayDto(new DateOnly(2026, 2, 3), "t-1", 1_000_000));
        Api.ChargebackDays.Add(new ChargebackDayDto(new DateOnly(2026, 2, 3), "t-2", 1_000_000));

        var page = RenderPage<Switchyard.Portal.Components.Pages.Chargeback.Chargeback>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=chargeback-daily-chart] svg")));
        var chart = page.Find("[data-testid=chargeback-daily-chart]");
        Assert.Contains("Search", chart.TextContent, StringComparison.Ordinal);
        Assert.Contains("Support", chart.TextContent, StringComparison.Ordinal);
        Assert.Contains("02-01", chart.TextContent, StringComparison.Ordinal);
        Assert.Contains("02-28", chart.TextContent, StringComparison.Ordinal); // days without usage are still on the axis
    }

    [Fact]
    public void Render_NoDays_SaysNothingToChart()
    {
        SignIn(MemberRole.Finance);

        var page = RenderPage<Switchyard.Portal.Components.Pages.Chargeback.Chargeback>();

        page.WaitForAssertion(() => Assert.Contains("Nothing to chart", page.Find("[data-testid=chargeback-daily-chart]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Open_StatementAndLine_ShowsItsLinesThenThePagedRequests()
    {
        SignIn(MemberRole.Finance);
        var summary = new ChargebackStatementSummaryDto(Guid.NewGuid(), 3, February, February.AddMonths(1), "UTC", February.AddMonths(1).AddHours(6), 120, 9_000_000, 9m);
        var line = new ChargebackStatementLineDto(Guid.NewGuid(), "usage", February, February.AddMonths(1), Guid.NewGuid(), "Search", "CC-42", "gpt-4o",
            "v2", 120, 10_000, 2_000, 4_000, 0, 500, 9_000_000, 9m, InputCostMicros: 3_000_000, CachedInputCostMicros: 400_000, OutputCostMicros: 4_000_000,
            ReasoningCostMicros: 1_000_000, UnattributedCostMicros: 600_000);
        Api.ChargebackStatements.Add(summary);
        Api.ChargebackStatementDetails[summary.Id] = new ChargebackStatementDto(summary, [new("CC-42", 120, 9_000_000, 9m)], [line]);
        for (var i = 0; i < ChargebackStatements.PageSize + 5; i++)
        {
            Api.ChargebackLineRequests.Add(new ChargebackRequestDto(
                Guid.NewGuid(), February.AddMinutes(i), Guid.NewGuid(), "gpt-4o", 200, 100, 20, 0, 0, 0, 1_000 + i, "v2", false));
        }

        var page = RenderPage<Switchyard.Portal.Components.Pages.Chargeback.Chargeback>();

        page.WaitForAssertion(() => Assert.Equal("3", page.Find("[data-testid=statement-number]").TextContent.Trim()));
        page.Find("[data-testid=statement-open]").Click();
        page.WaitForAssertion(() => Assert.Equal("Search", page.Find("[data-testid=statement-line-team]").TextContent.Trim()));
        Assert.Equal("$9.0000", page.Find("[data-testid=statement-line-cost]").TextContent.Trim());
        Assert.Contains("CC-42", page.Find("[data-testid=statement-cost-centers]").TextContent, StringComparison.Ordinal);
        Assert.Equal(
            ["input", "cached input", "output", "reasoning", "unattributed"],
            page.FindAll("[data-testid=statement-line-part-kind]").Select(e => e.TextContent.Trim()));
        Assert.Equal(
            ["$3.0000", "$0.4000", "$4.0000", "$1.0000", "$0.6000"],
            page.FindAll("[data-testid=statement-line-part-cost]").Select(e => e.TextContent.Trim()));

        page.Find("[data-testid=statement-line-open]").Click();
        page.WaitForAssertion(() => Assert.Equal(ChargebackStatements.PageSize, page.FindAll("[data-testid=line-request-cost]").Count));
        Assert.Equal((summary.Id, line.Id, 1, ChargebackStatements.PageSize), Api.ChargebackLineRequestQueries[^1]);
        Assert.Equal("Page 1 of 2", page.Find("[data-testid=line-requests-page]").TextContent.Trim());

        page.Find("[data-testid=line-requests-next]").Click();
        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("[data-testid=line-request-cost]").Count));
        Assert.Equal(2, Api.ChargebackLineRequestQueries[^1].Page);
        Assert.Equal("Page 2 of 2", page.Find("[data-testid=line-requests-page]").TextContent.Trim());
    }

    [Fact]
    public void Open_StatementOfANewYorkTenant_PeriodsAreItsLocalDays()
    {
        SignIn(MemberRole.Finance);
        var (from, to) = (February.AddHours(5), February.AddMonths(1).AddHours(5)); // EST midnights, as the statement stores them
        var summary = new ChargebackStatementSummaryDto(Guid.NewGuid(), 4, from, to, "America/New_York", to.AddHours(6), 1, 1_000, 0.001m);
        var january = (February.AddMonths(-1).AddHours(5), from);
        var adjustment = new ChargebackStatementLineDto(Guid.NewGuid(), "adjustment", january.Item1, january.Item2, Guid.NewGuid(), "Search", "", "gpt-4o",
            "v2", 1, 10, 2, 0, 0, 0, 1_000, 0.001m);
        Api.ChargebackStatements.Add(summary);
        Api.ChargebackStatementDetails[summary.Id] = new ChargebackStatementDto(summary, [new("", 1, 1_000, 0.001m)], [adjustment]);

        var page = RenderPage<Switchyard.Portal.Components.Pages.Chargeback.Chargeback>();

        page.WaitForAssertion(() => Assert.Equal(
            "2026-02-01 – 2026-02-28 (America/New_York)", page.Find("[data-testid=statement-period]").TextContent.Trim()));
        page.Find("[data-testid=statement-open]").Click();
        page.WaitForAssertion(() => Assert.Contains(
            "Statement 4: 2026-02-01 – 2026-02-28 (America/New_York)", page.Find("[data-testid=statement-detail] h3").TextContent, StringComparison.Ordinal));
        Assert.Equal("for 2026-01-01 – 2026-01-31", page.Find("[data-testid=statement-line-for]").TextContent.Trim());
    }

    [Fact]
    public void Render_ApiRefuses_ShowsTheControlPlanesMessage()
    {
        SignIn(MemberRole.Finance);
        Api.Failures[nameof(Api.GetChargebackAsync)] = FakeControlPlaneClient.Problem("The to field must be a whole UTC hour.", System.Net.HttpStatusCode.BadRequest);

        var page = RenderPage<Switchyard.Portal.Components.Pages.Chargeback.Chargeback>();

        page.WaitForAssertion(() => Assert.Contains("The to field must be a whole UTC hour.", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=chargeback-lines]"));
    }

    private static ChargebackLineDto Line(string key, string? label, long requests, long costMicros) =>
        new(key, label, requests, 0, requests * 10, requests * 2, 0, 0, 0, costMicros, costMicros / 1_000_000m);
}
