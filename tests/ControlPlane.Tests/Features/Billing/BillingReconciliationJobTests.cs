using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Billing;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Tests.Features.Billing;

public sealed class BillingReconciliationJobTests
{
    private static readonly DateTimeOffset Hour8 = BillingTestHost.LinkedAt.AddHours(8);

    [Fact]
    public async Task RunAsync_LedgerAheadOfStripe_ReportsTheHourUntilTheSyncCatchesUp()
    {
        await using var b = await BillingTestHost.StartAsync();
        var (tenant, _) = await b.LinkedTenantAsync("acme");
        await b.IngestAsync(BillingTestHost.Usage(tenant, Hour8.AddMinutes(5), 1_000));
        b.Time.SetUtcNow(Hour8.AddHours(2));
        await b.SyncAsync();
        Assert.Equal(0, await ReconcileAsync(b));

        await b.IngestAsync(BillingTestHost.Usage(tenant, Hour8.AddMinutes(30), 500));
        Assert.Equal(1, await ReconcileAsync(b));
        var overview = await b.Host.Admin.GetFromJsonAsync<PlatformBillingDto>("/api/platform/billing", SwitchyardJson.Options);
        var row = Assert.Single(overview!.Tenants);
        Assert.Equal(("differences", 1), (row.ReconciliationStatus, row.ReconciliationDifferences));
        Assert.Equal($"{Hour8:yyyy-MM-ddTHH}:00Z: ledger 1500, sent 1000", row.ReconciliationDetail); // the hour and both figures, for the operator

        await b.SyncAsync();
        Assert.Equal(0, await ReconcileAsync(b));
        overview = await b.Host.Admin.GetFromJsonAsync<PlatformBillingDto>("/api/platform/billing", SwitchyardJson.Options);
        Assert.Equal(("matched", null), (overview!.Tenants.Single().ReconciliationStatus, overview.Tenants.Single().ReconciliationDetail));
    }

    [Fact]
    public async Task RunAsync_WithMeterId_ComparesWithStripesOwnMeterTotalsNotWhatItAcknowledged()
    {
        await using var b = await BillingTestHost.StartAsync(new Dictionary<string, string?> { ["Billing:Stripe:MeterId"] = "mtr_test_cost" });
        var (tenant, customer) = await b.LinkedTenantAsync("acme");
        await b.IngestAsync(BillingTestHost.Usage(tenant, Hour8.AddMinutes(5), 1_000), BillingTestHost.Usage(tenant, Hour8.AddHours(1).AddMinutes(5), 700));
        b.Time.SetUtcNow(Hour8.AddHours(3));
        await b.SyncAsync();
        Assert.Equal(0, await ReconcileAsync(b));
        Assert.Contains(b.Stripe.Requests, r => r.Method == "GET" && r.Path == "/v1/billing/meters/mtr_test_cost/event_summaries"
            && r.Fields.GetValueOrDefault("customer") == customer && r.Fields.GetValueOrDefault("value_grouping_window") == "hour");

        // Stripe acknowledged both events, but its totals no longer count the second hour's: only Stripe's own figures show it.
        b.Stripe.LoseMeterEvents(e => e.Timestamp >= Hour8.AddHours(1));

        Assert.Equal(1, await ReconcileAsync(b));
        Assert.Contains($"{Hour8.AddHours(1):yyyy-MM-ddTHH}:00Z: ledger 700, Stripe 0", (await b.AccountAsync(tenant)).ReconciliationDetail);
    }

    [Fact]
    public async Task GetTenantBilling_TenantAdmin_SeesRunningTotalSentAndInvoices()
    {
        await using var b = await BillingTestHost.StartAsync();
        var (tenant, _) = await b.LinkedTenantAsync("acme");
        await b.IngestAsync(BillingTestHost.Usage(tenant, Hour8.AddMinutes(5), 1_000), BillingTestHost.Usage(tenant, Hour8.AddHours(2), 2_000));
        b.Time.SetUtcNow(Hour8.AddHours(2).AddMinutes(30));
        await b.SyncAsync();
        using var admin = await b.Host.MemberClientAsync(tenant, "admin@acme.test", MemberRole.TenantAdmin);
        using var developer = await b.Host.MemberClientAsync(tenant, "dev@acme.test", MemberRole.Developer);

        var billing = await admin.GetFromJsonAsync<TenantBillingDto>($"/api/tenants/{tenant}/billing", SwitchyardJson.Options);
        var refused = await developer.GetAsync($"/api/tenants/{tenant}/billing");
        var platform = await admin.GetAsync("/api/platform/billing");

        Assert.Equal((3_000L, 0.003m, 1_000L), (billing!.RunningTotal, billing.RunningCostUsd, billing.SentToStripe));
        Assert.True(billing.Linked);
        Assert.Equal("good", billing.Standing);
        Assert.False(refused.IsSuccessStatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, platform.StatusCode);
    }

    private static async Task<int> ReconcileAsync(BillingTestHost b)
    {
        await using var scope = b.Host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BillingReconciliationJob>().RunAsync(CancellationToken.None);
    }
}
