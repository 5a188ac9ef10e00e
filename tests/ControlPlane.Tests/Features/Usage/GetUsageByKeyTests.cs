using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Tests.Features.Usage;

public sealed class GetUsageByKeyTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ByKey_Developer_OnlyTheirTeamsKeysAndTheirOwnPersonalKeys()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenant, search, ads, developer, personal, adsService, finance) = await DeveloperScope.CreateAsync(host);
        var searchService = await DeveloperScope.CreateKeyAsync(host.Admin, tenant.Id, new CreateKeyRequest(search.Id, "search service"));
        await IngestAsync(host,
        [
            .. Enumerable.Range(0, 3).Select(i => Record(tenant.Id, search.Id, searchService, Day.AddMinutes(i), cost: 100)),
            .. Enumerable.Range(0, 2).Select(i => Record(tenant.Id, ads.Id, personal, Day.AddMinutes(10 + i), cost: 50)),
            .. Enumerable.Range(0, 4).Select(i => Record(tenant.Id, ads.Id, adsService, Day.AddMinutes(20 + i), cost: 1_000)),
        ]);

        var mine = await GetAsync(developer, tenant.Id);
        var all = await GetAsync(finance, tenant.Id);
        var admin = await GetAsync(host.Admin, tenant.Id);

        Assert.Equal([(searchService, "search service", 3L, 300L), (personal, "mine", 2L, 100L)], mine.Select(t => (t.KeyId, t.KeyName, t.Requests, t.CostMicros)));
        Assert.Equal([(adsService, 4L), (searchService, 3L), (personal, 2L)], all.Select(t => (t.KeyId, t.Requests)));
        Assert.Equal(all.Select(t => t.KeyId), admin.Select(t => t.KeyId));
    }

    private static async Task<UsageKeyTotalsDto[]> GetAsync(HttpClient client, Guid tenantId)
    {
        var response = await client.GetAsync($"/api/tenants/{tenantId}/usage/by-key");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<UsageKeyTotalsDto[]>(SwitchyardJson.Options))!;
    }

    private static UsageRecord Record(Guid tenant, Guid team, Guid key, DateTimeOffset at, long cost) =>
        new(Guid.CreateVersion7(at), at, "node-1", tenant, team, key, "chat.completions", "gpt-4o", null, null, "openai", "gpt-4o", false, 100, 50, 200, null, 10, null,
            CostMicros: cost, PriceVersion: "price:x");

    private static async Task IngestAsync(ControlPlaneTestHost host, IReadOnlyList<UsageRecord> records)
    {
        await using var scope = host.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<UsageIngestor>()
            .IngestAsync(new UsageBatchReported(Guid.NewGuid(), "node-1", records), CancellationToken.None);
        Assert.Equal(0, result.Quarantined);
    }
}
