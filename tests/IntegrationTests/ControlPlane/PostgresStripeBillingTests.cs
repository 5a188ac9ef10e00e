using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Billing;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;
using Switchyard.Testing.Billing;

namespace Switchyard.IntegrationTests.ControlPlane;

/// <summary>Stripe usage billing on real PostgreSQL against the fake Stripe: hourly sums, bookkeeping, webhook idempotency under concurrency.</summary>
public class PostgresStripeBillingTests
{
    private const string WebhookSecret = "whsec_integration_0123456789";

    [Fact]
    public async Task Sync_OnPostgres_SendsEachClosedHourOnceAndAdjustsLateUsage()
    {
        await using var stripe = await FakeStripe.StartAsync();
        await using var host = await PostgresControlPlaneHost.StartAsync(Settings(stripe));
        var tenant = await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest("acme-" + Guid.NewGuid().ToString("N")[..8]));
        var link = await LinkAsync(host, tenant.Id);
        var now = DateTimeOffset.UtcNow;
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-3);
        await host.WithDbAsync(db => db.BillingAccounts.Where(a => a.TenantId == tenant.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.BillFrom, hour.AddDays(-1))));
        await IngestAsync(host, Record(tenant.Id, hour.AddMinutes(1), 1_000), Record(tenant.Id, hour.AddMinutes(59), 2_000), Record(tenant.Id, hour.AddHours(1), 4_000));

        var first = await SyncAsync(host);
        Assert.Equal(2, first.Sent);
        Assert.Equal(0, (await SyncAsync(host)).Sent);

        await IngestAsync(host, Record(tenant.Id, hour.AddMinutes(30), 500));
        Assert.Equal(1, (await SyncAsync(host)).Sent);

        Assert.Equal([3_000L, 4_000L, 500L], stripe.MeterEvents.Select(e => e.Value));
        Assert.Equal(BillingMeterSend.IdentifierFor(tenant.Id, hour, 2), stripe.MeterEvents.Last().Identifier);
        Assert.Equal(7_500, stripe.MeterTotal(link.StripeCustomerId));
        await using var scope = host.App.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<BillingReconciliationJob>().RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Webhook_OnPostgres_SameEventDeliveredConcurrently_IsAppliedOnce()
    {
        await using var stripe = await FakeStripe.StartAsync();
        await using var host = await PostgresControlPlaneHost.StartAsync(Settings(stripe));
        var tenant = await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest("acme-" + Guid.NewGuid().ToString("N")[..8]));
        var link = await LinkAsync(host, tenant.Id);
        var payload = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = "evt_" + Guid.NewGuid().ToString("N"), ["object"] = "event", ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["type"] = "invoice.payment_failed", ["livemode"] = false,
            ["data"] = new Dictionary<string, object?>
            {
                ["object"] = new Dictionary<string, object?> { ["id"] = "in_1", ["object"] = "invoice", ["customer"] = link.StripeCustomerId, ["status"] = "open", ["amount_due"] = 100 },
            },
        });

        using var client = host.Client();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/stripe/webhook") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
            request.Headers.Add("Stripe-Signature", StripeWebhookSigner.Sign(payload, WebhookSecret, DateTimeOffset.UtcNow));
            return client.SendAsync(request);
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await host.WithDbAsync(db => db.BillingAccounts.Where(a => a.TenantId == tenant.Id).Select(a => a.FailedPayments).SingleAsync()));
    }

    private static Dictionary<string, string?> Settings(FakeStripe stripe) => new()
    {
        ["Billing:Stripe:ApiKey"] = stripe.ApiKey,
        ["Billing:Stripe:WebhookSecret"] = WebhookSecret,
        ["Billing:Stripe:ApiBase"] = stripe.BaseUrl,
        ["Billing:Stripe:PriceId"] = "price_it",
    };

    private static async Task<BillingLinkDto> LinkAsync(PostgresControlPlaneHost host, Guid tenantId)
    {
        var response = await host.Admin.PostAsync($"/api/platform/billing/tenants/{tenantId}/link", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<BillingLinkDto>(SwitchyardJson.Options))!;
    }

    private static async Task<StripeUsageSync> SyncAsync(PostgresControlPlaneHost host)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StripeUsageSyncJob>().RunAsync(CancellationToken.None);
    }

    private static async Task IngestAsync(PostgresControlPlaneHost host, params UsageRecord[] records)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UsageIngestor>().IngestAsync(new UsageBatchReported(Guid.NewGuid(), "it-node", records), CancellationToken.None);
    }

    private static UsageRecord Record(Guid tenant, DateTimeOffset at, long cost) =>
        new(Guid.CreateVersion7(at), at, "it-node", tenant, Guid.Empty, Guid.NewGuid(), "chat.completions", "gpt-4o", null, null, "openai", "gpt-4o",
            false, 100, 50, 200, null, 10, null, CostMicros: cost, PriceVersion: "price:x");
}
