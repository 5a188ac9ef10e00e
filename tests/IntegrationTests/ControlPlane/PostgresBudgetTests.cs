using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Switchyard.ControlPlane.Features.Budgets;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.IntegrationTests.DataPlane;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;

namespace Switchyard.IntegrationTests.ControlPlane;

/// <summary>
/// Budget spend on real PostgreSQL and Redis: counted once per record in the ingest transaction, and after a Redis
/// FLUSHALL the reconciliation puts the nodes' counter back to the ledger's spend.
/// </summary>
public class PostgresBudgetTests
{
    [Fact]
    public async Task Reconcile_AfterRedisFlushAll_RestoresTheNodesCounterFromTheLedger()
    {
        await using var redis = await PrivateRedis.StartAsync();
        const string prefix = "sy:it:";
        await using var host = await PostgresControlPlaneHost.StartAsync(new Dictionary<string, string?>
        {
            ["Budgets:Redis"] = redis.ConnectionString,
            ["Budgets:KeyPrefix"] = prefix,
        });
        var tenant = await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest("acme-" + Guid.NewGuid().ToString("N")[..8]));
        var team = await host.PostAsync<TeamDto>(host.Admin, $"/api/tenants/{tenant.Id}/teams", new CreateTeamRequest("search", Budget: new Shared.Configuration.Budget(10m, "day")));
        var now = DateTimeOffset.UtcNow;
        var record = Record(tenant.Id, team.Id, now, 4_000);
        await IngestAsync(host, [record, Record(tenant.Id, team.Id, now, 2_500)]);
        await IngestAsync(host, [record]);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        var counter = BudgetRedis.CounterName(prefix, BudgetScopes.Team, team.Id, Shared.Configuration.BudgetPeriods.Current("day", now, TimeZoneInfo.Utc).Key);
        await connection.GetDatabase().StringSetAsync(counter, 100);
        await connection.GetServer(connection.GetEndPoints()[0]).FlushAllDatabasesAsync();

        BudgetReconciliation result;
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<BudgetReconciliationJob>().RunAsync(CancellationToken.None);
        }

        Assert.Equal(6_500, (long)await connection.GetDatabase().StringGetAsync(counter));
        Assert.True(result.Raised >= 1, result.ToString());
        var status = Assert.Single((await host.Admin.GetFromJsonAsync<BudgetStatusDto[]>($"/api/tenants/{tenant.Id}/budgets", SwitchyardJson.Options))!);
        Assert.Equal(0.0065m, status.SpentUsd);
    }

    private static UsageRecord Record(Guid tenant, Guid team, DateTimeOffset at, long cost) =>
        new(Guid.CreateVersion7(at), at, "it-node", tenant, team, Guid.CreateVersion7(), "chat.completions", "gpt-4o", null, null, "openai", "gpt-4o", false, 100, 50, 200, null, 10, null,
            CostMicros: cost, PriceVersion: "price:x");

    private static async Task IngestAsync(PostgresControlPlaneHost host, IReadOnlyList<UsageRecord> records)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UsageIngestor>().IngestAsync(new UsageBatchReported(Guid.NewGuid(), "it-node", records), CancellationToken.None);
    }
}
