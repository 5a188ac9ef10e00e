using System.Net;
using System.Net.Http.Json;
using Switchyard.ControlPlane.Features.Rollups;
using Switchyard.ControlPlane.Tests.Features.Usage;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;
using Switchyard.Testing.Rollups;
using static Switchyard.ControlPlane.Tests.Features.Rollups.RollupTestData;

namespace Switchyard.ControlPlane.Tests.Features.Analytics;

public sealed class GetTenantAnalyticsTests
{
    private static readonly string Range = $"from={Start:yyyy-MM-ddTHH:mm:ssZ}&to={Start.AddDays(2):yyyy-MM-ddTHH:mm:ssZ}";

    [Fact]
    public async Task Analytics_GeneratedData_PercentilesWithinStatedBoundOfRawRecordsAndSumsExact()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var records = RollupLedger.Generate(new Random(42), tenant.Id, 3_000, Start, TimeSpan.FromDays(2));
        await IngestAsync(host, records);

        var analytics = await GetAsync(host.Admin, $"/api/tenants/{tenant.Id}/analytics?{Range}&interval=day&groupBy=model");

        Assert.Equal(("day", "model", 3), (analytics.Interval, analytics.GroupBy, analytics.Series.Count));
        Check(records, analytics.Total.Summary);
        foreach (var series in analytics.Series)
        {
            var ofModel = records.Where(r => r.Model == series.Key).ToList();
            Check(ofModel, series.Summary);
            Assert.Equal(2, series.Points.Count);
            foreach (var point in series.Points)
            {
                Check(ofModel.Where(r => r.Timestamp >= point.Start && r.Timestamp < point.Start.AddDays(1)).ToList(), point);
            }
        }
    }

    [Fact]
    public async Task Analytics_HourlyByTeam_PointPerHourWithTeamNames()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var search = await host.CreateTeamAsync(tenant.Id, "Search");
        var records = RollupLedger.Generate(new Random(43), tenant.Id, 200, Start, TimeSpan.FromHours(3))
            .ConvertAll(r => r with { TeamId = search.Id });
        await IngestAsync(host, records);

        var analytics = await GetAsync(host.Admin, $"/api/tenants/{tenant.Id}/analytics?{Range}&interval=hour&groupBy=team");

        var series = Assert.Single(analytics.Series);
        Assert.Equal((search.Id.ToString(), "Search"), (series.Key, series.Label));
        Assert.Equal([Start, Start.AddHours(1), Start.AddHours(2)], series.Points.Select(p => p.Start));
        Assert.Equal(records.Count(r => r.Timestamp < Start.AddHours(1)), series.Points[0].Requests);
    }

    [Fact]
    public async Task Analytics_TenantScoped_CountsOnlyItsOwnUsageAndRefusesOtherTenantsMembers()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var acme = await host.CreateTenantAsync("Acme");
        var globex = await host.CreateTenantAsync("Globex");
        await IngestAsync(host, RollupLedger.Generate(new Random(44), acme.Id, 30, Start, TimeSpan.FromHours(5)));
        await IngestAsync(host, RollupLedger.Generate(new Random(45), globex.Id, 70, Start, TimeSpan.FromHours(5)));
        using var acmeMember = await host.MemberClientAsync(acme.Id, "viewer@acme.test", MemberRole.Finance);

        var own = await GetAsync(acmeMember, $"/api/tenants/{acme.Id}/analytics?{Range}");
        var other = await acmeMember.GetAsync($"/api/tenants/{globex.Id}/analytics?{Range}");
        var platform = await acmeMember.GetAsync($"/api/platform/analytics?{Range}");
        var all = await GetAsync(host.Admin, $"/api/platform/analytics?{Range}&groupBy=tenant");

        Assert.Equal(30, own.Total.Summary.Requests);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode); // another tenant is not disclosed
        Assert.Equal(HttpStatusCode.Forbidden, platform.StatusCode);
        Assert.Equal(100, all.Total.Summary.Requests);
        Assert.Equal([("Globex", 70L), ("Acme", 30L)], all.Series.Select(s => (s.Label!, s.Summary.Requests)));
    }

    [Fact]
    public async Task Analytics_Developer_CountsOnlyTheirTeamsKeysAndTheirOwnPersonalKeys()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, search, ads, developer, personal, adsService, finance) = await DeveloperScope.CreateAsync(host);
        var searchKey = Guid.CreateVersion7();
        List<UsageRecord> Of(int seed, int count, Guid team, Guid key) =>
            RollupLedger.Generate(new Random(seed), tenant.Id, count, Start, TimeSpan.FromHours(5)).ConvertAll(r => r with { TeamId = team, KeyId = key });
        await IngestAsync(host, [.. Of(46, 10, search.Id, searchKey), .. Of(47, 5, ads.Id, personal), .. Of(48, 20, ads.Id, adsService)]);

        var mine = await GetAsync(developer, $"/api/tenants/{tenant.Id}/analytics?{Range}&groupBy=key");
        var all = await GetAsync(finance, $"/api/tenants/{tenant.Id}/analytics?{Range}&groupBy=key");

        Assert.Equal(15, mine.Total.Summary.Requests);
        Assert.Equal([(searchKey.ToString(), 10L), (personal.ToString(), 5L)], mine.Series.Select(s => (s.Key, s.Summary.Requests)));
        Assert.Equal(35, all.Total.Summary.Requests);
        Assert.Equal(3, all.Series.Count);
    }

    [Theory]
    [InlineData("groupBy=region", "groupBy")]
    [InlineData("groupBy=tenant", "groupBy")]
    [InlineData("interval=week", "interval")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=soon", "to")]
    [InlineData("from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "from")]
    [InlineData("from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z&interval=hour", "from")]
    [InlineData("limit=0", "limit")]
    public async Task Analytics_BadQuery_ValidationProblemNamesTheField(string query, string field)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var response = await host.Admin.GetAsync($"/api/tenants/{tenant.Id}/analytics?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Sums exactly as the records; percentiles within the stated bound of the records' nearest-rank percentiles.</summary>
    private static void Check(List<UsageRecord> records, AnalyticsPointDto point)
    {
        Assert.Equal(
            (records.Count, records.Count(r => r.StatusCode >= 400), records.Sum(r => (long)r.PromptTokens), records.Sum(r => (long)r.CompletionTokens),
                records.Sum(r => (long)r.CachedInputTokens), records.Sum(r => r.CostMicros)),
            (point.Requests, point.Errors, point.InputTokens, point.OutputTokens, point.CachedInputTokens, point.CostMicros));
        AssertWithin(NearestRank(records.Select(r => r.LatencyMs), 0.50), point.LatencyP50Ms);
        AssertWithin(NearestRank(records.Select(r => r.LatencyMs), 0.95), point.LatencyP95Ms);
        AssertWithin(NearestRank(records.Select(r => r.LatencyMs), 0.99), point.LatencyP99Ms);
        var ttfts = records.Where(r => r.TimeToFirstTokenMs is not null).Select(r => r.TimeToFirstTokenMs!.Value).ToList();
        AssertWithin(NearestRank(ttfts, 0.50), point.TtftP50Ms);
        AssertWithin(NearestRank(ttfts, 0.99), point.TtftP99Ms);
        var rated = records.Where(r => r.StatusCode < 400 && r.CompletionTokens > 0).ToList();
        var tokensPerSecond = rated.Sum(r => (double)r.CompletionTokens) / (rated.Sum(r => r.LatencyMs - (r.TimeToFirstTokenMs ?? 0)) / 1000);
        // The answer is rounded to 0.001; comparing at 2 decimal places would fail whenever that rounding crosses a 0.005 boundary.
        Assert.InRange(Math.Abs(point.OutputTokensPerSecond!.Value - tokensPerSecond), 0, 0.001);
    }

    private static double NearestRank(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Ceiling(p * sorted.Length) - 1];
    }

    private static void AssertWithin(double exact, double? estimate)
    {
        // The answer is rounded to 0.001 ms on top of the bucket error.
        Assert.NotNull(estimate);
        Assert.InRange(Math.Abs(estimate.Value - exact), 0, exact * LatencyBuckets.MaxRelativeError + 0.001);
    }

    private static async Task<AnalyticsDto> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AnalyticsDto>(SwitchyardJson.Options))!;
    }
}
