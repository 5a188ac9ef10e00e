using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Tests.Features.Usage;

public sealed class GetSpendTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Spend_GroupedEachWay_TotalsCostTokensAndRequests()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var search = await host.CreateTeamAsync(tenant.Id, "Search");
        var ads = await host.CreateTeamAsync(tenant.Id, "Ads");
        var keyA = Guid.CreateVersion7();
        var keyB = Guid.CreateVersion7();
        await IngestAsync(host,
        [
            Record(tenant.Id, search.Id, keyA, "gpt-4o", Day.AddHours(1), cost: 1_000, ["cost-center:4711", "app:search"], priceVersion: "price:a"),
            Record(tenant.Id, search.Id, keyA, "gpt-4o", Day.AddHours(2), cost: 3_000, ["cost-center:4711"], priceVersion: "price:b"),
            Record(tenant.Id, ads.Id, keyB, "claude", Day.AddHours(3), cost: 500, null),
            Record(tenant.Id, ads.Id, keyB, "claude", Day.AddDays(5), cost: 9_999, null),
            Record(Guid.CreateVersion7(), ads.Id, keyB, "claude", Day.AddHours(3), cost: 7_777, ["cost-center:4711"]),
        ]);
        var range = $"from={Day:O}&to={Day.AddDays(1):O}".Replace("+", "%2B", StringComparison.Ordinal);

        var byTeam = await GetAsync(host, tenant.Id, range + "&groupBy=team");
        var byKey = await GetAsync(host, tenant.Id, range + "&groupBy=key");
        var byModel = await GetAsync(host, tenant.Id, range + "&groupBy=model");
        var byTag = await GetAsync(host, tenant.Id, range + "&groupBy=tag");

        Assert.Equal([(search.Id.ToString(), "Search", 4_000L, 2L), (ads.Id.ToString(), "Ads", 500L, 1L)], byTeam.Groups.Select(g => (g.Key, g.Label, g.CostMicros, g.Requests)));
        Assert.Equal([keyA.ToString(), keyB.ToString()], byKey.Groups.Select(g => g.Key));
        Assert.Equal([("gpt-4o", 4_000L, 200L, 100L), ("claude", 500L, 100L, 50L)], byModel.Groups.Select(g => (g.Key, g.CostMicros, g.PromptTokens, g.CompletionTokens)));
        Assert.Equal([("cost-center:4711", 4_000L, 2L), ("app:search", 1_000L, 1L), (GetSpend.Untagged, 500L, 1L)], byTag.Groups.Select(g => (g.Key, g.CostMicros, g.Requests)));
        Assert.Equal((4_500L, 3L, 0.0045m), (byModel.Total.CostMicros, byModel.Total.Requests, byModel.Total.CostUsd));
    }

    [Fact]
    public async Task Spend_PriceChangedMidPeriod_EachRecordKeepsItsOwnVersionAndCost()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        await IngestAsync(host,
        [
            Record(tenant.Id, team.Id, Guid.CreateVersion7(), "gpt-4o", Day.AddHours(1), cost: 1_250, null, priceVersion: "price:before"),
            Record(tenant.Id, team.Id, Guid.CreateVersion7(), "gpt-4o", Day.AddHours(2), cost: 625, null, priceVersion: "price:after"),
        ]);

        var records = await host.Admin.GetFromJsonAsync<UsageRecordDto[]>($"/api/tenants/{tenant.Id}/usage", SwitchyardJson.Options);
        var spend = await GetAsync(host, tenant.Id, $"from={Day:yyyy-MM-dd}&to={Day.AddDays(1):yyyy-MM-dd}&groupBy=model");

        Assert.Equal([("price:after", 625L), ("price:before", 1_250L)], records!.Select(r => (r.PriceVersion!, r.CostMicros)));
        Assert.Equal(1_875, spend.Total.CostMicros);
    }

    [Theory]
    [InlineData("groupBy=region", "groupBy")]
    [InlineData("groupBy=team&from=yesterday", "from")]
    [InlineData("groupBy=team&from=2026-03-02&to=2026-03-01", "from")]
    [InlineData("groupBy=team&from=2024-01-01&to=2026-01-01", "from")]
    public async Task Spend_BadQuery_ValidationProblemNamesTheField(string query, string field)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var response = await host.Admin.GetAsync($"/api/tenants/{tenant.Id}/spend?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spend_OtherTenantsMember_Refused()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var acme = await host.CreateTenantAsync("Acme");
        var other = await host.CreateTenantAsync("Other");
        var finance = await host.MemberClientAsync(other.Id, "fin@other.test", MemberRole.Finance);

        var own = await finance.GetAsync($"/api/tenants/{other.Id}/spend?groupBy=team");
        var foreign = await finance.GetAsync($"/api/tenants/{acme.Id}/spend?groupBy=team");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.True(foreign.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, foreign.StatusCode.ToString());
    }

    [Fact]
    public async Task Spend_Developer_OnlyTheirTeamsKeysAndTheirOwnPersonalKeys()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, search, ads, developer, personal, adsService, finance) = await DeveloperScope.CreateAsync(host);
        var searchKey = Guid.CreateVersion7();
        await IngestAsync(host,
        [
            Record(tenant.Id, search.Id, searchKey, "gpt-4o", Day.AddHours(1), cost: 1_000, null),
            Record(tenant.Id, ads.Id, personal, "gpt-4o", Day.AddHours(2), cost: 200, null),
            Record(tenant.Id, ads.Id, adsService, "gpt-4o", Day.AddHours(3), cost: 5_000, null),
        ]);
        var query = $"from={Day:yyyy-MM-dd}&to={Day.AddDays(1):yyyy-MM-dd}";

        var developerByKey = await GetAsync(developer, tenant.Id, query + "&groupBy=key");
        var developerByTeam = await GetAsync(developer, tenant.Id, query + "&groupBy=team");
        var financeByKey = await GetAsync(finance, tenant.Id, query + "&groupBy=key");

        Assert.Equal([(searchKey.ToString(), 1_000L), (personal.ToString(), 200L)], developerByKey.Groups.Select(g => (g.Key, g.CostMicros)));
        Assert.Equal(1_200, developerByKey.Total.CostMicros);
        Assert.Equal([("Search", 1_000L), ("Ads", 200L)], developerByTeam.Groups.Select(g => (g.Label!, g.CostMicros)));
        Assert.Equal([adsService.ToString(), searchKey.ToString(), personal.ToString()], financeByKey.Groups.Select(g => g.Key));
        Assert.Equal(6_200, financeByKey.Total.CostMicros);
    }

    private static Task<SpendDto> GetAsync(ControlPlaneTestHost host, Guid tenantId, string query) => GetAsync(host.Admin, tenantId, query);

    private static async Task<SpendDto> GetAsync(HttpClient client, Guid tenantId, string query)
    {
        var response = await client.GetAsync($"/api/tenants/{tenantId}/spend?{query}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SpendDto>(SwitchyardJson.Options))!;
    }

    private static UsageRecord Record(Guid tenant, Guid team, Guid key, string model, DateTimeOffset at, long cost, IReadOnlyList<string>? tags, string? priceVersion = "price:x") =>
        new(Guid.CreateVersion7(at), at, "node-1", tenant, team, key, "chat.completions", model, null, null, "openai", model, false, 100, 50, 200, null, 10, null,
            CostMicros: cost, PriceVersion: priceVersion, Tags: tags);

    private static async Task IngestAsync(ControlPlaneTestHost host, IReadOnlyList<UsageRecord> records)
    {
        await using var scope = host.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<UsageIngestor>()
            .IngestAsync(new UsageBatchReported(Guid.NewGuid(), "node-1", records), CancellationToken.None);
        Assert.Equal(0, result.Quarantined);
    }
}
