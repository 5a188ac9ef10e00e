using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Switchyard.ControlPlane.Features.Rollups;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;
using Switchyard.Testing.Rollups;
using static Switchyard.ControlPlane.Tests.Features.Rollups.RollupTestData;

namespace Switchyard.ControlPlane.Tests.Features.Chargeback;

public sealed class GetChargebackTests
{
    // Partial days at both edges (05:00 on day 1 to 07:00 on day 4) around two whole days.
    private static readonly DateTimeOffset From = Start.AddHours(5);
    private static readonly DateTimeOffset To = Start.AddDays(3).AddHours(7);
    private static readonly string Range = $"from={From:yyyy-MM-ddTHH:mm:ssZ}&to={To:yyyy-MM-ddTHH:mm:ssZ}";

    [Theory]
    [InlineData("team")]
    [InlineData("key")]
    [InlineData("model")]
    [InlineData("tag")]
    public async Task Chargeback_DailyRowsSummedThenLateUsage_LinesAndTotalEqualLedgerInRange(string groupBy)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var records = RollupLedger.Generate(new Random(71), tenant.Id, 2_000, Start, TimeSpan.FromDays(4));
        await IngestAsync(host, records);
        await RunJobAsync<DailyRollupJob, int>(host, j => j.RunAsync(CancellationToken.None));

        // A node that was offline sends usage for a whole day whose daily rows are already summed, and for an edge hour.
        var late = RollupLedger.Generate(new Random(72), tenant.Id, 300, Start.AddDays(1), TimeSpan.FromDays(1))
            .Concat(RollupLedger.Generate(new Random(73), tenant.Id, 50, Start.AddHours(5), TimeSpan.FromHours(1))).ToList();
        await IngestAsync(host, late);
        records.AddRange(late);

        var chargeback = await GetAsync(host.Admin, $"/api/tenants/{tenant.Id}/chargeback?{Range}&groupBy={groupBy}");

        var inRange = records.Where(r => r.Timestamp >= From && r.Timestamp < To).ToList();
        Assert.Equal((From, To, groupBy), (chargeback.From, chargeback.To, chargeback.GroupBy));
        AssertSums(inRange, chargeback.Total);
        Func<UsageRecord, IEnumerable<string>> keys = groupBy switch
        {
            "team" => r => [r.TeamId.ToString()],
            "key" => r => [r.KeyId.ToString()],
            "model" => r => [r.Model],
            _ => r => r.Tags?.Distinct() ?? [],
        };
        var expected = inRange.SelectMany(r => keys(r).Select(k => (Key: k, Record: r))).GroupBy(x => x.Key, x => x.Record).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), chargeback.Lines.Select(l => l.Key).Order(StringComparer.Ordinal));
        foreach (var line in chargeback.Lines)
        {
            AssertSums(expected[line.Key], line);
        }

        Assert.Equal(chargeback.Lines.OrderByDescending(l => l.CostMicros).Select(l => l.CostMicros), chargeback.Lines.Select(l => l.CostMicros));
    }

    [Fact]
    public async Task Chargeback_ByTeam_LabelsTeamsByNameAndUsageWithoutTeamAsNone()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var search = await host.CreateTeamAsync(tenant.Id, "Search");
        var records = RollupLedger.Generate(new Random(74), tenant.Id, 40, From, TimeSpan.FromHours(2));
        await IngestAsync(host, records.Select((r, i) => r with { TeamId = i % 2 == 0 ? search.Id : Guid.Empty }).ToList());

        var chargeback = await GetAsync(host.Admin, $"/api/tenants/{tenant.Id}/chargeback?{Range}");

        Assert.Equal("team", chargeback.GroupBy);
        Assert.Equal(["(none)", "Search"], chargeback.Lines.Select(l => l.Label!).Order(StringComparer.Ordinal));
        Assert.Equal(records.Sum(r => r.CostMicros), chargeback.Lines.Sum(l => l.CostMicros));
    }

    [Theory]
    [InlineData("text/csv", null)]
    [InlineData("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", null)]
    [InlineData(null, "xlsx")]
    [InlineData(null, "csv")]
    public async Task Chargeback_CsvAndExcel_ParseBackToTheJsonLinesAndTotal(string? accept, string? format)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var records = RollupLedger.Generate(new Random(75), tenant.Id, 1_500, Start, TimeSpan.FromDays(4));
        await IngestAsync(host, records);
        await RunJobAsync<DailyRollupJob, int>(host, j => j.RunAsync(CancellationToken.None));
        var url = $"/api/tenants/{tenant.Id}/chargeback?{Range}&groupBy=key" + (format is null ? "" : $"&format={format}");
        var json = await GetAsync(host.Admin, url.Replace($"&format={format}", "", StringComparison.Ordinal));

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        var response = await host.Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var csv = (accept ?? format) is "text/csv" or "csv";
        Assert.Equal(csv ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var rows = csv ? ChargebackExport.ReadCsv(bytes) : ChargebackExport.ReadXlsx(bytes);
        var expected = json.Lines.Select(l => new ChargebackExport.Row("line", l.Key, l.Label ?? "", l.Requests, l.InputTokens, l.OutputTokens, l.CostMicros, l.CostUsd, Parts(l)))
            .Append(new ChargebackExport.Row("total", "total", "", json.Total.Requests, json.Total.InputTokens, json.Total.OutputTokens, json.Total.CostMicros, json.Total.CostUsd,
                Parts(json.Total)));
        Assert.Equal(expected, rows);
        Assert.All(rows, r => Assert.Equal(r.CostMicros, r.Parts.Split(' ').Sum(long.Parse)));
        Assert.Contains(rows, r => r.Parts.Split(' ')[..5].Any(p => p != "0") && r.Parts.Split(' ')[5] != "0"); // split and unsplit records both present
        if (csv)
        {
            // The columns finance already reads stay first and in order; the cost per token kind follows them.
            string[] existing = ["kind", "key", "label", "requests", "errors", "input_tokens", "output_tokens", "cached_input_tokens", "cache_write_tokens", "reasoning_tokens", "cost_micros", "cost_usd"];
            Assert.Equal((string[])[.. existing, .. ChargebackExport.PartColumns], ChargebackExport.CsvHeader(bytes));
        }
        Assert.Equal(records.Where(r => r.Timestamp >= From && r.Timestamp < To).Sum(r => r.CostMicros), rows.Where(r => r.Kind == "line").Sum(r => r.CostMicros));
        Assert.Equal(rows.Single(r => r.Kind == "total").CostUsd * 1_000_000m, rows.Single(r => r.Kind == "total").CostMicros);
    }

    [Theory]
    [InlineData("to=2026-03-02T00:00:00Z", "from")]
    [InlineData("from=2026-03-02T00:00:00Z", "to")]
    [InlineData("from=yesterday&to=2026-03-02T00:00:00Z", "from")]
    [InlineData("from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "from")]
    [InlineData("from=2026-03-01T00:30:00Z&to=2026-03-02T00:00:00Z", "from")]
    [InlineData("from=2024-01-01T00:00:00Z&to=2026-03-01T00:00:00Z", "to")]
    [InlineData("from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z&groupBy=region", "groupBy")]
    [InlineData("from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z&format=pdf", "format")]
    [InlineData("from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z&series=hour", "series")]
    public async Task Chargeback_BadQuery_ValidationProblemNamesTheField(string query, string field)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var response = await host.Admin.GetAsync($"/api/tenants/{tenant.Id}/chargeback?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chargeback_Roles_FinanceAndAdminsOfTheTenantOnly()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var acme = await host.CreateTenantAsync("Acme");
        var globex = await host.CreateTenantAsync("Globex");
        await IngestAsync(host, RollupLedger.Generate(new Random(76), acme.Id, 30, From, TimeSpan.FromHours(5)));
        using var finance = await host.MemberClientAsync(acme.Id, "finance@acme.test", MemberRole.Finance);
        using var admin = await host.MemberClientAsync(acme.Id, "admin@acme.test", MemberRole.TenantAdmin);
        using var developer = await host.MemberClientAsync(acme.Id, "dev@acme.test", MemberRole.Developer);
        using var auditor = await host.MemberClientAsync(acme.Id, "audit@acme.test", MemberRole.Auditor);
        using var otherFinance = await host.MemberClientAsync(globex.Id, "finance@globex.test", MemberRole.Finance);
        var url = $"/api/tenants/{acme.Id}/chargeback?{Range}";

        Assert.Equal(30, (await GetAsync(finance, url)).Total.Requests);
        Assert.Equal(30, (await GetAsync(admin, url)).Total.Requests);
        Assert.Equal(30, (await GetAsync(host.Admin, url)).Total.Requests);
        Assert.Equal(HttpStatusCode.Forbidden, (await developer.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherFinance.GetAsync(url)).StatusCode); // another tenant is not disclosed
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous.GetAsync(url)).StatusCode);
    }

    [Theory]
    [InlineData("UTC", "team")]
    [InlineData("UTC", "tag")]
    [InlineData("America/New_York", "team")]
    [InlineData("Asia/Kolkata", "model")]
    [InlineData("America/New_York", "key")]
    [InlineData("Australia/Adelaide", "tag")]
    public async Task Chargeback_SeriesDay_EachGroupsCostPerDayOfTheTenantsZoneEqualsTheLedger(string timeZone, string groupBy)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var created = await host.Admin.PostAsJsonAsync("/api/tenants", new CreateTenantRequest("Acme", TimeZone: timeZone), SwitchyardJson.Options);
        var tenant = (await created.Content.ReadFromJsonAsync<TenantDto>(SwitchyardJson.Options))!;
        var records = RollupLedger.Generate(new Random(81), tenant.Id, 1_500, Start, TimeSpan.FromDays(4));
        await IngestAsync(host, records);
        await RunJobAsync<DailyRollupJob, int>(host, j => j.RunAsync(CancellationToken.None));
        var late = RollupLedger.Generate(new Random(82), tenant.Id, 200, Start.AddDays(1), TimeSpan.FromDays(1));
        await IngestAsync(host, late); // lands on a day whose daily rows are summed: read from the hourly rows
        records.AddRange(late);

        var chargeback = await GetAsync(host.Admin, $"/api/tenants/{tenant.Id}/chargeback?{Range}&groupBy={groupBy}&series=day");

        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        Func<UsageRecord, IEnumerable<string>> keys = groupBy switch
        {
            "team" => r => [r.TeamId.ToString()],
            "model" => r => [r.Model],
            "key" => r => [r.KeyId.ToString()],
            _ => r => r.Tags?.Distinct() ?? [],
        };
        var expected = records.Where(r => r.Timestamp >= From && r.Timestamp < To)
            // An hour counts on the local day it starts in (Kolkata's half-hour offset splits no hour).
            .SelectMany(r => keys(r).Select(k => (Day: DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(new DateTimeOffset(r.Timestamp.UtcTicks - r.Timestamp.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero), zone).DateTime), Key: k, r.CostMicros)))
            .GroupBy(x => (x.Day, x.Key)).Select(g => new ChargebackDayDto(g.Key.Day, g.Key.Key, g.Sum(x => x.CostMicros)))
            .OrderBy(d => d.Day).ThenBy(d => d.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(zone.Id, chargeback.TimeZone);
        Assert.Equal(expected, chargeback.Days);
        Assert.True(expected.Select(d => d.Day).Distinct().Count() >= 4);
    }

    [Fact]
    public async Task Chargeback_WithoutSeries_NoDays()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        await IngestAsync(host, RollupLedger.Generate(new Random(83), tenant.Id, 20, From, TimeSpan.FromHours(5)));

        var chargeback = await GetAsync(host.Admin, $"/api/tenants/{tenant.Id}/chargeback?{Range}");

        Assert.Null(chargeback.Days);
        Assert.Equal(20, chargeback.Total.Requests);
    }

    private static string Parts(ChargebackLineDto l) => ChargebackExport.Parts(
        l.InputCostMicros, l.CachedInputCostMicros, l.CacheWriteCostMicros, l.OutputCostMicros, l.ReasoningCostMicros, l.UnattributedCostMicros);

    private static void AssertSums(List<UsageRecord> records, ChargebackLineDto line) => Assert.Equal(
        (records.Count, records.Count(r => r.StatusCode >= 400), records.Sum(r => (long)r.PromptTokens), records.Sum(r => (long)r.CompletionTokens),
            records.Sum(r => (long)r.CachedInputTokens), records.Sum(r => (long)r.CacheWriteTokens), records.Sum(r => (long)r.ReasoningTokens),
            records.Sum(r => r.CostMicros), records.Sum(r => r.CostMicros) / 1_000_000m),
        (line.Requests, line.Errors, line.InputTokens, line.OutputTokens, line.CachedInputTokens, line.CacheWriteTokens, line.ReasoningTokens,
            line.CostMicros, line.CostUsd));

    private static async Task<ChargebackDto> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ChargebackDto>(SwitchyardJson.Options))!;
    }
}
