using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchyard.ControlPlane.Features.Chargeback;
using Switchyard.ControlPlane.Features.Rollups;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;
using Switchyard.Testing.Rollups;
using static Switchyard.ControlPlane.Tests.Features.Rollups.RollupTestData;

namespace Switchyard.ControlPlane.Tests.Features.Chargeback;

public sealed class CloseStatementsJobTests
{
    // Months after the real clock: the host's own hourly run of the job (real time) then finds nothing of these tenants to close.
    private static readonly DateTimeOffset Feb = new(2027, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Mar = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Apr = new(2027, 4, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Run_MonthEndedInTenantZone_LinesSumToLedgerToTheMicroDollarAndExplainDownToRequests()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await CreateTenantAsync(host, "Acme", "America/New_York");
        var search = await CreateTeamAsync(host, tenant.Id, "Search", "CC-4711");
        var records = RollupLedger.Generate(new Random(81), tenant.Id, 2_000, Feb.AddDays(-1), TimeSpan.FromDays(31))
            .Select((r, i) => i % 2 == 0 ? r with { TeamId = search.Id } : r).ToList();
        await IngestAsync(host, records);
        await RunJobAsync<DailyRollupJob, int>(host, j => j.RunAsync(CancellationToken.None));

        // February ended at 05:00 UTC in New York, less than 6 hours before: January closes (its last hours are in the data).
        Assert.Equal(1, await CloseAsync(host, Mar.AddHours(6)));
        Assert.Equal(1, await CloseAsync(host, Mar.AddDays(1)));
        Assert.Equal(0, await CloseAsync(host, Mar.AddDays(1).AddHours(1)));

        var statements = await GetAsync<List<ChargebackStatementSummaryDto>>(host.Admin, $"/api/tenants/{tenant.Id}/chargeback/statements");
        Assert.Equal([2, 1], statements.Select(s => s.Number));
        var (summary, january) = (statements[0], statements[1]);
        Assert.Equal((Feb.AddMonths(-1).AddHours(5), Feb.AddHours(5)), (january.PeriodStart, january.PeriodEnd));
        Assert.Equal(records.Where(r => r.Timestamp < Feb.AddHours(5)).Sum(r => r.CostMicros), january.CostMicros);
        Assert.Equal((Feb.AddHours(5), Mar.AddHours(5), "America/New_York"), (summary.PeriodStart, summary.PeriodEnd, summary.TimeZone));
        var statement = await GetAsync<ChargebackStatementDto>(host.Admin, $"/api/tenants/{tenant.Id}/chargeback/statements/{summary.Id}");
        var inPeriod = records.Where(r => r.Timestamp >= summary.PeriodStart && r.Timestamp < summary.PeriodEnd).ToList();
        Assert.Equal((inPeriod.Count, inPeriod.Sum(r => r.CostMicros)), (summary.Requests, summary.CostMicros));
        Assert.Equal(inPeriod.Sum(r => r.CostMicros), statement.Lines.Sum(l => l.CostMicros));
        var expected = inPeriod.GroupBy(r => (r.TeamId, r.Model, Price: r.PriceVersion ?? "")).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(expected.Count, statement.Lines.Count);
        foreach (var line in statement.Lines)
        {
            var group = expected[(line.TeamId, line.Model, line.PriceVersion)];
            Assert.Equal(
                ("usage", group.Count, group.Sum(r => (long)r.PromptTokens), group.Sum(r => (long)r.CompletionTokens), group.Sum(r => (long)r.CachedInputTokens),
                    group.Sum(r => (long)r.CacheWriteTokens), group.Sum(r => (long)r.ReasoningTokens), group.Sum(r => r.CostMicros)),
                (line.Kind, line.Requests, line.InputTokens, line.OutputTokens, line.CachedInputTokens, line.CacheWriteTokens, line.ReasoningTokens, line.CostMicros));
            Assert.Equal(line.TeamId == search.Id ? ("Search", "CC-4711") : ("", ""), (line.TeamName, line.CostCenter));
        }

        var centre = Assert.Single(statement.CostCenters, c => c.CostCenter == "CC-4711");
        Assert.Equal(inPeriod.Where(r => r.TeamId == search.Id).Sum(r => r.CostMicros), centre.CostMicros);

        // The biggest line, page by page: its records add up to it, each with the price version that applied.
        var biggest = statement.Lines.MaxBy(l => l.Requests)!;
        var behind = new List<ChargebackRequestDto>();
        for (var page = 1; ; page++)
        {
            var items = await GetAsync<ChargebackLineRequestsDto>(host.Admin,
                $"/api/tenants/{tenant.Id}/chargeback/statements/{summary.Id}/lines/{biggest.Id}/requests?page={page}&pageSize=7");
            Assert.Equal(biggest.Requests, items.Total);
            if (items.Items.Count == 0)
            {
                break;
            }

            behind.AddRange(items.Items);
        }

        Assert.Equal((biggest.Requests, biggest.CostMicros), (behind.Count, behind.Sum(r => r.CostMicros)));
        Assert.Equal(behind.Count, behind.Select(r => r.Id).Distinct().Count());
        Assert.All(behind, r => Assert.Equal(biggest.PriceVersion, r.PriceVersion ?? ""));
    }

    [Fact]
    public async Task Run_LateUsageForClosedMonth_ClosedStatementNeverChangesAndAdjustmentAppearsNextMonth()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var february = RollupLedger.Generate(new Random(82), tenant.Id, 800, Feb, TimeSpan.FromDays(28));
        await IngestAsync(host, february);
        Assert.Equal(1, await CloseAsync(host, Mar.AddDays(1)));
        var first = Assert.Single(await GetAsync<List<ChargebackStatementSummaryDto>>(host.Admin, $"/api/tenants/{tenant.Id}/chargeback/statements"));
        var firstJson = await host.Admin.GetStringAsync($"/api/tenants/{tenant.Id}/chargeback/statements/{first.Id}");

        // A node that was offline reports more February usage; March usage arrives as usual (part of it redelivered).
        var late = RollupLedger.Generate(new Random(83), tenant.Id, 120, Feb.AddDays(3), TimeSpan.FromDays(20));
        var march = RollupLedger.Generate(new Random(84), tenant.Id, 500, Mar, TimeSpan.FromDays(31));
        await IngestAsync(host, late);
        await IngestAsync(host, march);
        await IngestAsync(host, late.Take(40).ToList());
        Assert.Equal(0, await CloseAsync(host, Mar.AddDays(15)));
        await RunJobAsync<DailyRollupJob, int>(host, j => j.RunAsync(CancellationToken.None));
        Assert.Equal(1, await CloseAsync(host, Apr.AddDays(1)));

        Assert.Equal(firstJson, await host.Admin.GetStringAsync($"/api/tenants/{tenant.Id}/chargeback/statements/{first.Id}"));
        var statements = await GetAsync<List<ChargebackStatementSummaryDto>>(host.Admin, $"/api/tenants/{tenant.Id}/chargeback/statements");
        Assert.Equal([2, 1], statements.Select(s => s.Number));
        var second = await GetAsync<ChargebackStatementDto>(host.Admin, $"/api/tenants/{tenant.Id}/chargeback/statements/{statements[0].Id}");
        Assert.Equal((Mar, Apr), (second.Statement.PeriodStart, second.Statement.PeriodEnd));
        var usage = second.Lines.Where(l => l.Kind == "usage").ToList();
        var adjustments = second.Lines.Where(l => l.Kind == "adjustment").ToList();
        Assert.Equal(march.Sum(r => r.CostMicros), usage.Sum(l => l.CostMicros));
        Assert.All(adjustments, a => Assert.Equal((Feb, Mar), (a.PeriodStart, a.PeriodEnd)));
        Assert.Equal((late.Count, late.Sum(r => r.CostMicros)), (adjustments.Sum(a => a.Requests), adjustments.Sum(a => a.CostMicros)));
        Assert.Equal(february.Concat(late).Sum(r => r.CostMicros), first.CostMicros + adjustments.Sum(a => a.CostMicros));
        Assert.Equal(march.Concat(late).Sum(r => r.CostMicros), second.Statement.CostMicros);

        // Nothing new: the next month has no statement at all, and February gets no second adjustment.
        Assert.Equal(0, await CloseAsync(host, Apr.AddMonths(1).AddDays(1)));
    }

    [Fact]
    public async Task LineRequests_AdjustmentLine_ListsExactlyTheLateRecordsAndTheUsageLineNoneOfThem()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var february = RollupLedger.Generate(new Random(85), tenant.Id, 400, Feb, TimeSpan.FromDays(28));
        await IngestAtAsync(host, february, Feb.AddDays(27));
        Assert.Equal(1, await CloseAsync(host, Mar.AddDays(1)));
        var late = RollupLedger.Generate(new Random(86), tenant.Id, 90, Feb.AddDays(2), TimeSpan.FromDays(20));
        await IngestAtAsync(host, late, Mar.AddDays(10));
        Assert.Equal(1, await CloseAsync(host, Apr.AddDays(1)));

        var statements = await GetAsync<List<ChargebackStatementSummaryDto>>(host.Admin, $"/api/tenants/{tenant.Id}/chargeback/statements");
        var first = await GetAsync<ChargebackStatementDto>(host.Admin, $"/api/tenants/{tenant.Id}/chargeback/statements/{statements[1].Id}");
        var second = await GetAsync<ChargebackStatementDto>(host.Admin, $"/api/tenants/{tenant.Id}/chargeback/statements/{statements[0].Id}");
        var adjustments = second.Lines.Where(l => l.Kind == "adjustment").ToList();
        Assert.NotEmpty(adjustments);
        foreach (var line in adjustments)
        {
            var behind = await AllRequestsAsync(host, tenant.Id, second.Statement.Id, line.Id);
            var expected = late.Where(r => (r.TeamId, r.Model, r.PriceVersion ?? "") == (line.TeamId, line.Model, line.PriceVersion)).Select(r => r.Id).Order();
            Assert.Equal(expected, behind.Select(r => r.Id).Order());
            Assert.Equal(line.CostMicros, behind.Sum(r => r.CostMicros));
        }

        // The February statement's own lines still list only what it charged, not the records that arrived after it closed.
        var lateIds = late.Select(r => r.Id).ToHashSet();
        foreach (var line in first.Lines)
        {
            var behind = await AllRequestsAsync(host, tenant.Id, first.Statement.Id, line.Id);
            Assert.DoesNotContain(behind, r => lateIds.Contains(r.Id));
            Assert.Equal((line.Requests, line.CostMicros), (behind.Count, behind.Sum(r => r.CostMicros)));
        }
    }

    [Fact]
    public async Task Run_CostPerTokenKind_LinesSplitPerKindAddUpToTheLedgerAndRedeliveryCountsOnce()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var february = RollupLedger.Generate(new Random(89), tenant.Id, 600, Feb, TimeSpan.FromDays(28));
        await IngestAsync(host, february);
        await IngestAsync(host, february.Take(250).ToList()); // redelivered
        await RunJobAsync<DailyRollupJob, int>(host, j => j.RunAsync(CancellationToken.None));
        Assert.Equal(1, await CloseAsync(host, Mar.AddDays(1)));
        var late = RollupLedger.Generate(new Random(90), tenant.Id, 80, Feb.AddDays(3), TimeSpan.FromDays(10));
        await IngestAsync(host, late);
        await IngestAsync(host, late); // redelivered
        Assert.Equal(1, await CloseAsync(host, Apr.AddDays(1)));

        var statements = await GetAsync<List<ChargebackStatementSummaryDto>>(host.Admin, $"/api/tenants/{tenant.Id}/chargeback/statements");
        var first = await GetAsync<ChargebackStatementDto>(host.Admin, $"/api/tenants/{tenant.Id}/chargeback/statements/{statements[1].Id}");
        var second = await GetAsync<ChargebackStatementDto>(host.Admin, $"/api/tenants/{tenant.Id}/chargeback/statements/{statements[0].Id}");
        Assert.All(first.Lines.Concat(second.Lines), l => Assert.Equal(l.CostMicros, Parts(l).Sum()));

        // Each line per token kind equals its records' parts; records from nodes that did not split are unattributed.
        AssertPerKind(february, first.Lines.Where(l => l.Kind == "usage"));
        AssertPerKind(late, second.Lines.Where(l => l.Kind == "adjustment"));
        Assert.Contains(first.Lines, l => l.UnattributedCostMicros > 0 && l.InputCostMicros > 0);

        // A line's requests explain each kind down to single records.
        var biggest = first.Lines.MaxBy(l => l.Requests)!;
        var behind = await AllRequestsAsync(host, tenant.Id, first.Statement.Id, biggest.Id);
        Assert.Equal(
            Parts(biggest),
            (long[])[behind.Sum(r => r.InputCostMicros), behind.Sum(r => r.CachedInputCostMicros), behind.Sum(r => r.CacheWriteCostMicros),
                behind.Sum(r => r.OutputCostMicros), behind.Sum(r => r.ReasoningCostMicros), behind.Sum(r => r.UnattributedCostMicros)]);

        static long[] Parts(ChargebackStatementLineDto l) =>
            [l.InputCostMicros, l.CachedInputCostMicros, l.CacheWriteCostMicros, l.OutputCostMicros, l.ReasoningCostMicros, l.UnattributedCostMicros];

        static void AssertPerKind(List<UsageRecord> records, IEnumerable<ChargebackStatementLineDto> lines)
        {
            var expected = records.GroupBy(r => (r.TeamId, r.Model, Price: r.PriceVersion ?? "")).ToDictionary(g => g.Key, g =>
            {
                var none = new UsageCostParts(0, 0, 0, 0, 0);
                return (long[])[g.Sum(r => (r.CostParts ?? none).InputMicros), g.Sum(r => (r.CostParts ?? none).CachedInputMicros),
                    g.Sum(r => (r.CostParts ?? none).CacheWriteMicros), g.Sum(r => (r.CostParts ?? none).OutputMicros), g.Sum(r => (r.CostParts ?? none).ReasoningMicros),
                    g.Where(r => r.CostParts is null).Sum(r => r.CostMicros)];
            });
            var actual = lines.ToDictionary(l => (l.TeamId, l.Model, l.PriceVersion), Parts);
            Assert.Equal(expected.Count, actual.Count);
            Assert.All(expected, e => Assert.Equal(e.Value, actual[e.Key]));
        }
    }

    [Fact]
    public async Task Statements_Roles_FinanceOfTheTenantReadsOthersRefused()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var acme = await host.CreateTenantAsync("Acme");
        var globex = await host.CreateTenantAsync("Globex");
        await IngestAsync(host, RollupLedger.Generate(new Random(85), acme.Id, 50, Feb, TimeSpan.FromDays(10)));
        await CloseAsync(host, Mar.AddDays(1));
        var statement = Assert.Single(await GetAsync<List<ChargebackStatementSummaryDto>>(host.Admin, $"/api/tenants/{acme.Id}/chargeback/statements"));
        var line = (await GetAsync<ChargebackStatementDto>(host.Admin, $"/api/tenants/{acme.Id}/chargeback/statements/{statement.Id}")).Lines[0];
        using var finance = await host.MemberClientAsync(acme.Id, "finance@acme.test", MemberRole.Finance);
        using var developer = await host.MemberClientAsync(acme.Id, "dev@acme.test", MemberRole.Developer);
        using var otherFinance = await host.MemberClientAsync(globex.Id, "finance@globex.test", MemberRole.Finance);
        string[] urls =
        [
            $"/api/tenants/{acme.Id}/chargeback/statements",
            $"/api/tenants/{acme.Id}/chargeback/statements/{statement.Id}",
            $"/api/tenants/{acme.Id}/chargeback/statements/{statement.Id}/lines/{line.Id}/requests",
        ];

        foreach (var url in urls)
        {
            Assert.Equal(HttpStatusCode.OK, (await finance.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await developer.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await otherFinance.GetAsync(url)).StatusCode);
        }

        // The statement is not reachable through another tenant's route, even for a platform admin.
        Assert.Equal(HttpStatusCode.NotFound, (await host.Admin.GetAsync($"/api/tenants/{globex.Id}/chargeback/statements/{statement.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync($"/api/tenants/{acme.Id}/chargeback/statements/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await finance.GetAsync($"{urls[2]}?pageSize=5000")).StatusCode);
    }

    [Fact]
    public async Task Run_SharedCost_SplitOverTeamsByUsageCostExactlyAndKeptOutOfAdjustments()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        using var finance = await host.MemberClientAsync(tenant.Id, "finance@acme.test", MemberRole.Finance);
        var refused = await finance.PutAsJsonAsync($"/api/tenants/{tenant.Id}/chargeback/settings", new ChargebackSettingsDto(5, "Platform"), SwitchyardJson.Options);
        var invalid = await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/chargeback/settings", new ChargebackSettingsDto(-1, "Platform"), SwitchyardJson.Options);
        var set = await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/chargeback/settings", new ChargebackSettingsDto(1_000_000_001, "Platform"), SwitchyardJson.Options);
        var february = RollupLedger.Generate(new Random(86), tenant.Id, 600, Feb, TimeSpan.FromDays(28));
        await IngestAsync(host, february);
        await CloseAsync(host, Mar.AddDays(1));
        var late = RollupLedger.Generate(new Random(87), tenant.Id, 30, Feb.AddDays(1), TimeSpan.FromDays(5));
        await IngestAsync(host, late);
        await IngestAsync(host, RollupLedger.Generate(new Random(88), tenant.Id, 100, Mar, TimeSpan.FromDays(20)));
        await CloseAsync(host, Apr.AddDays(1));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("\"sharedCostMicros\"", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(new ChargebackSettingsDto(1_000_000_001, "Platform"), await GetAsync<ChargebackSettingsDto>(finance, $"/api/tenants/{tenant.Id}/chargeback/settings"));
        var statements = await GetAsync<List<ChargebackStatementSummaryDto>>(finance, $"/api/tenants/{tenant.Id}/chargeback/statements");
        var first = await GetAsync<ChargebackStatementDto>(finance, $"/api/tenants/{tenant.Id}/chargeback/statements/{statements[1].Id}");
        var second = await GetAsync<ChargebackStatementDto>(finance, $"/api/tenants/{tenant.Id}/chargeback/statements/{statements[0].Id}");
        var shared = first.Lines.Where(l => l.Kind == "shared").ToList();
        Assert.Equal(1_000_000_001, shared.Sum(l => l.CostMicros));
        Assert.All(shared, l => Assert.Equal(("Platform", 0L), (l.Model, l.Requests)));
        var costByTeam = february.GroupBy(r => r.TeamId).ToDictionary(g => g.Key, g => g.Sum(r => r.CostMicros));
        foreach (var line in shared)
        {
            Assert.Equal((double)(1_000_000_001m * costByTeam[line.TeamId] / february.Sum(r => r.CostMicros)), line.CostMicros, 1.0);
        }

        Assert.Equal(february.Sum(r => r.CostMicros) + 1_000_000_001, first.Statement.CostMicros);
        Assert.Equal(late.Sum(r => r.CostMicros), second.Lines.Where(l => l.Kind == "adjustment").Sum(l => l.CostMicros));
        Assert.Equal(1_000_000_001, second.Lines.Where(l => l.Kind == "shared").Sum(l => l.CostMicros));
        var sharedLine = shared[0];
        var behind = await GetAsync<ChargebackLineRequestsDto>(finance, $"/api/tenants/{tenant.Id}/chargeback/statements/{first.Statement.Id}/lines/{sharedLine.Id}/requests");
        Assert.Equal(0, behind.Total);
    }

    private static async Task IngestAtAsync(ControlPlaneTestHost host, IReadOnlyList<UsageRecord> records, DateTimeOffset now)
    {
        await using var scope = host.CreateScope();
        var ingestor = new UsageIngestor(
            scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>(), new FakeTimeProvider(now), scope.ServiceProvider.GetServices<IUsageIngestStep>());
        await ingestor.IngestAsync(new UsageBatchReported(Guid.NewGuid(), "node-1", records), CancellationToken.None);
    }

    private static async Task<List<ChargebackRequestDto>> AllRequestsAsync(ControlPlaneTestHost host, Guid tenantId, Guid statementId, Guid lineId)
    {
        var all = new List<ChargebackRequestDto>();
        for (var page = 1; ; page++)
        {
            var items = await GetAsync<ChargebackLineRequestsDto>(host.Admin,
                $"/api/tenants/{tenantId}/chargeback/statements/{statementId}/lines/{lineId}/requests?page={page}&pageSize=500");
            if (items.Items.Count == 0)
            {
                return all;
            }

            all.AddRange(items.Items);
        }
    }

    private static async Task<int> CloseAsync(ControlPlaneTestHost host, DateTimeOffset now)
    {
        await using var scope = host.CreateScope();
        var job = new CloseStatementsJob(scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>(), new FakeTimeProvider(now), Options.Create(new ChargebackOptions()));
        return await job.RunAsync(CancellationToken.None);
    }

    private static async Task<TenantDto> CreateTenantAsync(ControlPlaneTestHost host, string name, string timeZone)
    {
        var response = await host.Admin.PostAsJsonAsync("/api/tenants", new CreateTenantRequest(name, TimeZone: timeZone), SwitchyardJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TenantDto>(SwitchyardJson.Options))!;
    }

    private static async Task<TeamDto> CreateTeamAsync(ControlPlaneTestHost host, Guid tenantId, string name, string costCenter)
    {
        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenantId}/teams", new CreateTeamRequest(name, CostCenter: costCenter), SwitchyardJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TeamDto>(SwitchyardJson.Options))!;
    }

    private static async Task<T> GetAsync<T>(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<T>(SwitchyardJson.Options))!;
    }
}
