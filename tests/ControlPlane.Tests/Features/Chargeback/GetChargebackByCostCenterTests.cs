using System.Net;
using System.Net.Http.Json;
using Switchyard.ControlPlane.Features.Rollups;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;
using Switchyard.Testing.Rollups;
using static Switchyard.ControlPlane.Tests.Features.Rollups.RollupTestData;

namespace Switchyard.ControlPlane.Tests.Features.Chargeback;

/// <summary>groupBy=costCenter: each team's usage under its team's cost centre, teams without one and usage without a team under one "(none)" line.</summary>
public sealed class GetChargebackByCostCenterTests
{
    private static readonly DateTimeOffset From = Start.AddHours(5);
    private static readonly DateTimeOffset To = Start.AddDays(3).AddHours(7);
    private static readonly string Range = $"from={From:yyyy-MM-ddTHH:mm:ssZ}&to={To:yyyy-MM-ddTHH:mm:ssZ}";

    [Fact]
    public async Task Chargeback_ByCostCenter_TeamsSharingACentreMakeOneLineAndTeamsWithoutOneMakeTheNoneLine()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var (records, centreOf) = await LedgerAsync(host, tenant.Id, 83);

        var chargeback = await GetAsync(host.Admin, $"/api/tenants/{tenant.Id}/chargeback?{Range}&groupBy=costCenter");

        var inRange = records.Where(r => r.Timestamp >= From && r.Timestamp < To).ToList();
        Assert.Equal("costCenter", chargeback.GroupBy);
        Assert.Equal((inRange.Count, inRange.Sum(r => r.CostMicros)), (chargeback.Total.Requests, chargeback.Total.CostMicros));
        var expected = inRange.GroupBy(r => centreOf(r.TeamId))
            .ToDictionary(g => g.Key, g => (Requests: (long)g.Count(), Cost: g.Sum(r => r.CostMicros), Input: g.Sum(r => (long)r.PromptTokens)));
        Assert.Equal(["", "CC-1", "CC-2"], chargeback.Lines.Select(l => l.Key).Order(StringComparer.Ordinal));
        foreach (var line in chargeback.Lines)
        {
            Assert.Equal(expected[line.Key], (line.Requests, line.CostMicros, line.InputTokens));
            Assert.Equal(line.Key == "" ? "(none)" : null, line.Label);
        }
    }

    [Fact]
    public async Task Chargeback_ByCostCenterAnyCase_SameLinesAsTheCanonicalName()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        await LedgerAsync(host, tenant.Id, 84);

        var canonical = await GetAsync(host.Admin, $"/api/tenants/{tenant.Id}/chargeback?{Range}&groupBy=costCenter");
        var lower = await GetAsync(host.Admin, $"/api/tenants/{tenant.Id}/chargeback?{Range}&groupBy=COSTCENTER");

        Assert.Equal("costCenter", lower.GroupBy);
        Assert.Equal(canonical.Lines, lower.Lines);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task Chargeback_ByCostCenterAsCsvAndExcel_ParsesBackToTheJsonLinesWithTheNoneLine(string format)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        await LedgerAsync(host, tenant.Id, 85);
        var url = $"/api/tenants/{tenant.Id}/chargeback?{Range}&groupBy=costCenter";
        var json = await GetAsync(host.Admin, url);

        var response = await host.Admin.GetAsync($"{url}&format={format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("chargeback-costCenter-", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var rows = format == "csv" ? ChargebackExport.ReadCsv(bytes) : ChargebackExport.ReadXlsx(bytes);
        var expected = json.Lines.Select(l => (Kind: "line", l.Key, Label: l.Label ?? "", l.Requests, l.CostMicros))
            .Append(("total", "total", "", json.Total.Requests, json.Total.CostMicros));
        Assert.Equal(expected, rows.Select(r => (r.Kind, r.Key, r.Label, r.Requests, r.CostMicros)));
        Assert.Contains(rows, r => r is { Kind: "line", Key: "", Label: "(none)" });
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("America/New_York")]
    public async Task Chargeback_ByCostCenterSeriesDay_EachCentresCostPerLocalDayEqualsTheLedger(string timeZone)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var created = await host.Admin.PostAsJsonAsync("/api/tenants", new CreateTenantRequest("Acme", TimeZone: timeZone), SwitchyardJson.Options);
        var tenant = (await created.Content.ReadFromJsonAsync<TenantDto>(SwitchyardJson.Options))!;
        var (records, centreOf) = await LedgerAsync(host, tenant.Id, 86);

        var chargeback = await GetAsync(host.Admin, $"/api/tenants/{tenant.Id}/chargeback?{Range}&groupBy=costCenter&series=day");

        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var expected = records.Where(r => r.Timestamp >= From && r.Timestamp < To)
            .GroupBy(r => (Day: DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.Timestamp, zone).DateTime), Key: centreOf(r.TeamId)))
            .Select(g => new ChargebackDayDto(g.Key.Day, g.Key.Key, g.Sum(r => r.CostMicros)))
            .OrderBy(d => d.Day).ThenBy(d => d.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, chargeback.Days);
        Assert.Equal(["", "CC-1", "CC-2"], chargeback.Days!.Select(d => d.Key).Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Usage of four teams (two in CC-1, one in CC-2, one without a centre) and without a team over four days; the daily
    /// rows summed, then late usage on a summed day (read from the hourly rows). Returns the records and each team's centre.
    /// </summary>
    private static async Task<(List<UsageRecord> Records, Func<Guid, string> CentreOf)> LedgerAsync(ControlPlaneTestHost host, Guid tenantId, int seed)
    {
        var teams = new Dictionary<Guid, string>();
        foreach (var (name, centre) in new[] { ("Search", "CC-1"), ("Support", "CC-1"), ("Research", "CC-2"), ("Ops", "") })
        {
            var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenantId}/teams", new CreateTeamRequest(name, CostCenter: centre), SwitchyardJson.Options);
            response.EnsureSuccessStatusCode();
            teams[(await response.Content.ReadFromJsonAsync<TeamDto>(SwitchyardJson.Options))!.Id] = centre;
        }

        Guid[] owners = [.. teams.Keys, Guid.Empty];
        List<UsageRecord> Assign(List<UsageRecord> generated) => generated.Select((r, i) => r with { TeamId = owners[i % owners.Length] }).ToList();
        var records = Assign(RollupLedger.Generate(new Random(seed), tenantId, 1_000, Start, TimeSpan.FromDays(4)));
        await IngestAsync(host, records);
        await RunJobAsync<DailyRollupJob, int>(host, j => j.RunAsync(CancellationToken.None));
        var late = Assign(RollupLedger.Generate(new Random(seed + 100), tenantId, 150, Start.AddDays(1), TimeSpan.FromDays(1)));
        await IngestAsync(host, late);
        return ([.. records, .. late], team => teams.GetValueOrDefault(team, ""));
    }

    private static async Task<ChargebackDto> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ChargebackDto>(SwitchyardJson.Options))!;
    }
}
