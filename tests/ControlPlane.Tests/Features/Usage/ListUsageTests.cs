using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Tests.Features.Usage;

public sealed class ListUsageTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task List_Filters_ReturnOnlyMatchingRecordsNewestFirst()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var search = await host.CreateTeamAsync(tenant.Id, "Search");
        var ads = await host.CreateTeamAsync(tenant.Id, "Ads");
        await IngestAsync(host,
        [
            Record(tenant.Id, search.Id, "gpt-4o", Day.AddHours(1), 200),
            Record(tenant.Id, search.Id, "gpt-4o", Day.AddHours(2), 500),
            Record(tenant.Id, search.Id, "claude", Day.AddHours(3), 200),
            Record(tenant.Id, ads.Id, "gpt-4o", Day.AddHours(4), 429),
            Record(tenant.Id, ads.Id, "gpt-4o", Day.AddDays(2), 200),
        ]);

        var byModel = await ListAsync(host, tenant.Id, "model=gpt-4o");
        var errors = await ListAsync(host, tenant.Id, "status=error");
        var ok = await ListAsync(host, tenant.Id, "status=ok");
        var byTeam = await ListAsync(host, tenant.Id, $"teamId={search.Id}");
        var inDay = await ListAsync(host, tenant.Id, $"from={Esc(Day)}&to={Esc(Day.AddDays(1))}");
        var combined = await ListAsync(host, tenant.Id, $"teamId={ads.Id}&model=gpt-4o&status=error");

        Assert.Equal([Day.AddDays(2), Day.AddHours(4), Day.AddHours(2), Day.AddHours(1)], byModel.Select(r => r.Timestamp));
        Assert.Equal([429, 500], errors.Select(r => r.StatusCode));
        Assert.Equal(3, ok.Length);
        Assert.All(byTeam, r => Assert.Equal(search.Id, r.TeamId));
        Assert.Equal(3, byTeam.Length);
        Assert.Equal(4, inDay.Length);
        Assert.Equal(Day.AddHours(4), Assert.Single(combined).Timestamp);
    }

    [Fact]
    public async Task List_OffsetAndLimit_PagesPastTheFirstPageWithoutGapsOrRepeats()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        await IngestAsync(host, [.. Enumerable.Range(0, 5).Select(i => Record(tenant.Id, team.Id, "gpt-4o", Day.AddMinutes(i), 200))]);

        var first = await ListAsync(host, tenant.Id, "limit=2");
        var second = await ListAsync(host, tenant.Id, "limit=2&offset=2");
        var third = await ListAsync(host, tenant.Id, "limit=2&offset=4");

        Assert.Equal(
            Enumerable.Range(0, 5).Reverse().Select(i => Day.AddMinutes(i)),
            first.Concat(second).Concat(third).Select(r => r.Timestamp));
    }

    [Theory]
    [InlineData("status=broken", "status")]
    [InlineData("offset=-1", "offset")]
    [InlineData("from=yesterday", "from")]
    [InlineData("limit=0", "limit")]
    public async Task List_BadQuery_ValidationProblemNamesTheField(string query, string field)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var response = await host.Admin.GetAsync($"/api/tenants/{tenant.Id}/usage?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Developer_OnlyTheirTeamsKeysAndTheirOwnPersonalKeys()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, search, ads, developer, personal, adsService, finance) = await DeveloperScope.CreateAsync(host);
        var searchRecord = Record(tenant.Id, search.Id, "gpt-4o", Day.AddHours(1), 200);
        await IngestAsync(host,
        [
            searchRecord,
            Record(tenant.Id, ads.Id, "gpt-4o", Day.AddHours(2), 200) with { KeyId = personal },
            Record(tenant.Id, ads.Id, "gpt-4o", Day.AddHours(3), 200) with { KeyId = adsService },
        ]);

        var mine = await ListAsync(developer, tenant.Id, "");
        var adsTeam = await ListAsync(developer, tenant.Id, $"teamId={ads.Id}");
        var serviceKey = await ListAsync(developer, tenant.Id, $"keyId={adsService}");
        var all = await ListAsync(finance, tenant.Id, "");

        Assert.Equal([personal, searchRecord.KeyId], mine.Select(r => r.KeyId));
        Assert.Equal(personal, Assert.Single(adsTeam).KeyId);
        Assert.Empty(serviceKey);
        Assert.Equal([adsService, personal, searchRecord.KeyId], all.Select(r => r.KeyId));
    }

    private static string Esc(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O"));

    private static Task<UsageRecordDto[]> ListAsync(ControlPlaneTestHost host, Guid tenantId, string query) => ListAsync(host.Admin, tenantId, query);

    private static async Task<UsageRecordDto[]> ListAsync(HttpClient client, Guid tenantId, string query)
    {
        var response = await client.GetAsync($"/api/tenants/{tenantId}/usage?{query}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<UsageRecordDto[]>(SwitchyardJson.Options))!;
    }

    private static UsageRecord Record(Guid tenant, Guid team, string model, DateTimeOffset at, int status) =>
        new(Guid.CreateVersion7(at), at, "node-1", tenant, team, Guid.CreateVersion7(), "chat.completions", model, null, null, "openai", model, false, 100, 50,
            status, status >= 400 ? "upstream_error" : null, 10, null, CostMicros: 100, PriceVersion: "price:x");

    private static async Task IngestAsync(ControlPlaneTestHost host, IReadOnlyList<UsageRecord> records)
    {
        await using var scope = host.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<UsageIngestor>()
            .IngestAsync(new UsageBatchReported(Guid.NewGuid(), "node-1", records), CancellationToken.None);
        Assert.Equal(0, result.Quarantined);
    }
}
