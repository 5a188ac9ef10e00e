using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;

namespace Switchyard.IntegrationTests.ControlPlane;

/// <summary>Usage records and per-key totals on real PostgreSQL, scoped to what the caller may account for.</summary>
public class PostgresUsageTests
{
    private static readonly DateTimeOffset Day = new(2026, 4, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task UsageAndByKey_OnPostgresAsDeveloper_OnlyTheirTeamsKeysAndTheirOwnPersonalKeys()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        var (tenant, search, ads, developer, personal) = await PostgresDeveloperScope.CreateAsync(host);
        var searchKey = Guid.CreateVersion7();
        var adsKey = Guid.CreateVersion7();
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UsageIngestor>().IngestAsync(new UsageBatchReported(Guid.NewGuid(), "it-node",
            [
                Record(tenant.Id, search.Id, searchKey, Day.AddHours(1), 1_000),
                Record(tenant.Id, ads.Id, personal, Day.AddHours(2), 200),
                Record(tenant.Id, ads.Id, personal, Day.AddHours(3), 200),
                Record(tenant.Id, ads.Id, adsKey, Day.AddHours(4), 5_000),
            ]), CancellationToken.None);
        }

        var records = await developer.GetFromJsonAsync<UsageRecordDto[]>($"/api/tenants/{tenant.Id}/usage?limit=2&offset=1", SwitchyardJson.Options);
        var byKey = await developer.GetFromJsonAsync<UsageKeyTotalsDto[]>($"/api/tenants/{tenant.Id}/usage/by-key", SwitchyardJson.Options);
        var all = await host.Admin.GetFromJsonAsync<UsageKeyTotalsDto[]>($"/api/tenants/{tenant.Id}/usage/by-key", SwitchyardJson.Options);

        Assert.Equal([(personal, Day.AddHours(2)), (searchKey, Day.AddHours(1))], records!.Select(r => (r.KeyId, r.Timestamp)));
        Assert.Equal([(personal, 2L, 400L), (searchKey, 1L, 1_000L)], byKey!.Select(t => (t.KeyId, t.Requests, t.CostMicros)));
        Assert.Equal((3, 6_400L), (all!.Length, all.Sum(t => t.CostMicros)));
    }

    private static UsageRecord Record(Guid tenant, Guid team, Guid key, DateTimeOffset at, long cost) =>
        new(Guid.CreateVersion7(at), at, "it-node", tenant, team, key, "chat.completions", "gpt-4o", null, null, "openai", "gpt-4o", false,
            100, 10, 200, null, 5, null, CostMicros: cost, PriceVersion: "v");
}
