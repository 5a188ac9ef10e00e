using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.ControlPlane.Features.Budgets;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Tests.Features.Budgets;

/// <summary>
/// Spend counters from the ledger: each stored record counted once per budget level in its period, alerts once per
/// threshold and period, reconciliation back to the ledger, alert delivery to the tenant's webhook.
/// </summary>
public sealed class BudgetSpendStepTests
{
    [Fact]
    public async Task Ingest_RecordsCrossThresholds_CountedOnceAndEachAlertRecordedOnce()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        await PatchTeamBudgetAsync(host, tenant.Id, team.Id, 0.01m);
        var now = DateTimeOffset.UtcNow;
        var first = Record(tenant.Id, team.Id, now, 6_000);

        await IngestAsync(host, [first]);
        await IngestAsync(host, [first]);
        await IngestAsync(host, [Record(tenant.Id, team.Id, now, 3_000), Record(tenant.Id, team.Id, now, 2_000)]);
        await IngestAsync(host, [Record(tenant.Id, team.Id, now, 1_000)]);

        var budgets = await host.Admin.GetFromJsonAsync<BudgetStatusDto[]>($"/api/tenants/{tenant.Id}/budgets", SwitchyardJson.Options);
        var status = Assert.Single(budgets!);
        Assert.Equal(("team", team.Id, 0.012m), (status.Scope, status.OwnerId, status.SpentUsd));
        Assert.NotNull(status.ForecastUsd);
        var alerts = await host.Admin.GetFromJsonAsync<BudgetAlertDto[]>($"/api/tenants/{tenant.Id}/budgets/alerts", SwitchyardJson.Options);
        Assert.Equal([50, 80, 100], alerts!.Select(a => a.ThresholdPercent).Order());
        Assert.Equal(0.006m, Assert.Single(alerts!, a => a.ThresholdPercent == 50).SpentUsd);
        Assert.All(alerts!, a => Assert.Null(a.WebhookStatus));
    }

    [Fact]
    public async Task List_TeamsOfTwoTenants_OnlyTheTenantsLevelsByNameEachWithItsSpend()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var acme = await host.CreateTenantAsync("Acme");
        var zeta = await host.CreateTeamAsync(acme.Id, "Zeta");
        var alpha = await host.CreateTeamAsync(acme.Id, "Alpha");
        var other = await host.CreateTenantAsync("Other");
        var theirs = await host.CreateTeamAsync(other.Id, "Beta");
        foreach (var (tenant, team) in new[] { (acme.Id, zeta.Id), (acme.Id, alpha.Id), (other.Id, theirs.Id) })
        {
            await PatchTeamBudgetAsync(host, tenant, team, 1m);
        }

        await IngestAsync(host, [Record(acme.Id, zeta.Id, DateTimeOffset.UtcNow, 2_000), Record(other.Id, theirs.Id, DateTimeOffset.UtcNow, 5_000)]);

        var budgets = (await host.Admin.GetFromJsonAsync<BudgetStatusDto[]>($"/api/tenants/{acme.Id}/budgets", SwitchyardJson.Options))!;
        Assert.Equal([("Alpha", 0m), ("Zeta", 0.002m)], budgets.Select(b => (b.Name, b.SpentUsd)));
    }

    [Fact]
    public async Task Reconcile_LedgerCounterLost_SetBackFromTheRecords()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        await PatchTeamBudgetAsync(host, tenant.Id, team.Id, 1m);
        await IngestAsync(host, [Record(tenant.Id, team.Id, DateTimeOffset.UtcNow, 4_000), Record(tenant.Id, team.Id, DateTimeOffset.UtcNow.AddDays(-40), 9_000)]);
        await using (var scope = host.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>().BudgetSpend.IgnoreQueryFilters().ExecuteDeleteAsync();
        }

        BudgetReconciliation result;
        await using (var scope = host.CreateScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<BudgetReconciliationJob>().RunAsync(CancellationToken.None);
        }

        Assert.Equal((1, 1, (int?)null), (result.Levels, result.Corrected, result.Raised));
        var status = Assert.Single((await host.Admin.GetFromJsonAsync<BudgetStatusDto[]>($"/api/tenants/{tenant.Id}/budgets", SwitchyardJson.Options))!);
        Assert.Equal(0.004m, status.SpentUsd);
    }

    [Fact]
    public async Task UpdateSettings_WebhookOnLoopbackNotAllowed_ValidationProblemNamesIt()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var response = await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/budgets/settings", new BudgetSettingsDto("http://127.0.0.1:9/hook"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"webhookUrl\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhookJob_AlertWithWebhookAllowedByEgress_PostedOnceAndMarkedDelivered()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var host = await ControlPlaneTestHost.StartAsync(new Dictionary<string, string?> { ["Egress:AllowedNetworks:0"] = "127.0.0.0/8" });
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        await PatchTeamBudgetAsync(host, tenant.Id, team.Id, 0.01m);
        var put = await host.Admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/budgets/settings", new BudgetSettingsDto(receiver.Url), SwitchyardJson.Options);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await IngestAsync(host, [Record(tenant.Id, team.Id, DateTimeOffset.UtcNow, 5_000)]);

        await RunWebhooksAsync(host);
        await RunWebhooksAsync(host);

        var body = Assert.Single(receiver.Bodies);
        Assert.Contains("\"type\":\"budget.alert\"", body, StringComparison.Ordinal);
        Assert.Contains("\"thresholdPercent\":50", body, StringComparison.Ordinal);
        var alert = Assert.Single((await host.Admin.GetFromJsonAsync<BudgetAlertDto[]>($"/api/tenants/{tenant.Id}/budgets/alerts", SwitchyardJson.Options))!);
        Assert.Equal(BudgetAlerts.Delivered, alert.WebhookStatus);
    }

    [Fact]
    public async Task NodeBudgetSpend_NodeSecret_ServesTheCurrentPeriodsSpendOnly()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var other = await host.CreateTeamAsync(tenant.Id, "Ads");
        await PatchTeamBudgetAsync(host, tenant.Id, team.Id, 1m);
        var now = DateTimeOffset.UtcNow;
        await IngestAsync(host, [Record(tenant.Id, team.Id, now, 4_000), Record(tenant.Id, team.Id, now.AddDays(-40), 9_000), Record(tenant.Id, other.Id, now, 7_000)]);

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient("not-the-node-secret").GetAsync(InternalRoutes.BudgetSpend)).StatusCode);
        var entries = await host.CreateClient(ControlPlaneTestHost.NodeSecret).GetFromJsonAsync<BudgetSpendEntry[]>(InternalRoutes.BudgetSpend, SwitchyardJson.Options);

        var entry = Assert.Single(entries!);
        Assert.Equal(("team", team.Id, BudgetPeriods.Current(BudgetPeriods.Month, now, TimeZoneInfo.Utc).Key, 4_000L),
            (entry.Scope, entry.OwnerId, entry.PeriodKey, entry.SpentMicros));
    }

    private static async Task RunWebhooksAsync(ControlPlaneTestHost host)
    {
        await using var scope = host.CreateScope();
        await scope.ServiceProvider.GetRequiredService<BudgetWebhookJob>().RunAsync(CancellationToken.None);
    }

    private static async Task PatchTeamBudgetAsync(ControlPlaneTestHost host, Guid tenantId, Guid teamId, decimal amount)
    {
        var response = await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenantId}/teams/{teamId}", new UpdateTeamRequest(Budget: new BudgetUpdate(amount, "month")), SwitchyardJson.Options);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static UsageRecord Record(Guid tenant, Guid team, DateTimeOffset at, long cost) =>
        new(Guid.CreateVersion7(at), at, "node-1", tenant, team, Guid.CreateVersion7(), "chat.completions", "gpt-4o", null, null, "openai", "gpt-4o", false, 100, 50, 200, null, 10, null,
            CostMicros: cost, PriceVersion: "price:x");

    private static async Task IngestAsync(ControlPlaneTestHost host, IReadOnlyList<UsageRecord> records)
    {
        await using var scope = host.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<UsageIngestor>()
            .IngestAsync(new UsageBatchReported(Guid.NewGuid(), "node-1", records), CancellationToken.None);
        Assert.Equal(0, result.Quarantined);
    }

    /// <summary>A webhook on 127.0.0.1 that records what it is sent.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private WebApplication _app = null!;

        public System.Collections.Concurrent.ConcurrentQueue<string> Bodies { get; } = new();

        public string Url { get; private set; } = "";

        public static async Task<Receiver> StartAsync()
        {
            var receiver = new Receiver();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            receiver._app = builder.Build();
            receiver._app.MapPost("/hook", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                receiver.Bodies.Enqueue(await reader.ReadToEndAsync());
                return Results.NoContent();
            });
            await receiver._app.StartAsync();
            receiver.Url = receiver._app.Urls.First() + "/hook";
            return receiver;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
