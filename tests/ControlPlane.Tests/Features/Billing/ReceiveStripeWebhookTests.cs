using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Billing;
using Switchyard.ControlPlane.Features.Config;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using Switchyard.Testing.Billing;

namespace Switchyard.ControlPlane.Tests.Features.Billing;

public sealed class ReceiveStripeWebhookTests
{
    private const string Path = "/api/billing/stripe/webhook";

    [Fact]
    public async Task HandleAsync_UnsignedWrongSecretOrStale_Answers400AndStoresNothing()
    {
        await using var b = await BillingTestHost.StartAsync();
        var (_, customer) = await b.LinkedTenantAsync("acme");
        var now = b.Time.GetUtcNow();
        var payload = StripeEvents.Invoice("evt_1", "invoice.paid", now, "in_1", customer, "paid");

        var unsigned = await b.Host.Anonymous.PostAsync(Path, new StringContent(payload, Encoding.UTF8, "application/json"));
        var wrongSecret = await PostAsync(b, payload, StripeWebhookSigner.Sign(payload, "whsec_someone_else", now));
        var stale = await PostAsync(b, payload, StripeWebhookSigner.Sign(payload, BillingTestHost.WebhookSecret, now.AddMinutes(-6)));
        var tampered = await PostAsync(b, payload.Replace("\"paid\"", "\"void\""), StripeWebhookSigner.Sign(payload, BillingTestHost.WebhookSecret, now));

        Assert.All(new[] { unsigned, wrongSecret, stale, tampered }, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(0, await b.DbAsync(db => db.StripeWebhookEvents.CountAsync()));
        Assert.Equal(0, await b.DbAsync(db => db.BillingInvoices.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task HandleAsync_ReplayedEvent_IsAppliedOnce()
    {
        await using var b = await BillingTestHost.StartAsync();
        var (tenant, customer) = await b.LinkedTenantAsync("acme");
        var now = b.Time.GetUtcNow();
        var failed = StripeEvents.Invoice("evt_fail", "invoice.payment_failed", now, "in_1", customer, "open");

        var first = await SignedAsync(b, failed);
        var replay = await SignedAsync(b, failed);

        Assert.Equal(StripeWebhookOutcomes.Applied, first.Outcome);
        Assert.Equal(StripeWebhookOutcomes.Duplicate, replay.Outcome);
        Assert.Equal(1, (await b.AccountAsync(tenant)).FailedPayments);
        Assert.Equal(1, await b.DbAsync(db => db.StripeWebhookEvents.CountAsync()));
    }

    [Fact]
    public async Task HandleAsync_PaymentFailedArrivingAfterPaid_DoesNotCountOrSuspend()
    {
        await using var b = await BillingTestHost.StartAsync(new Dictionary<string, string?> { ["Billing:Stripe:FailedPaymentAction"] = "Suspend" });
        var (tenant, customer) = await b.LinkedTenantAsync("acme");
        var t = b.Time.GetUtcNow();

        await SignedAsync(b, StripeEvents.Invoice("evt_paid", "invoice.paid", t.AddMinutes(5), "in_1", customer, "paid", amountPaid: 12_345));
        var late = await SignedAsync(b, StripeEvents.Invoice("evt_failed", "invoice.payment_failed", t, "in_1", customer, "open"));
        var lateCreated = await SignedAsync(b, StripeEvents.Invoice("evt_created", "invoice.created", t.AddMinutes(-5), "in_1", customer, "draft"));

        Assert.Equal(StripeWebhookOutcomes.Older, late.Outcome);
        Assert.Equal(StripeWebhookOutcomes.Older, lateCreated.Outcome);
        Assert.Equal(0, (await b.AccountAsync(tenant)).FailedPayments);
        Assert.Equal(0, await b.DbAsync(db => db.TenantBillingStates.IgnoreQueryFilters().CountAsync()));
        var invoice = await b.DbAsync(db => db.BillingInvoices.IgnoreQueryFilters().SingleAsync());
        Assert.Equal(("paid", 12_345L), (invoice.Status, invoice.AmountPaid));
    }

    [Fact]
    public async Task HandleAsync_PaymentFailedWithSuspend_GracePeriodThenSuspendedInSnapshotThenPaidRestores()
    {
        await using var b = await BillingTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Billing:Stripe:FailedPaymentAction"] = "Suspend",
            ["Billing:Stripe:GraceDays"] = "3",
        });
        var (tenant, customer) = await b.LinkedTenantAsync("acme");
        var t = b.Time.GetUtcNow();

        await SignedAsync(b, StripeEvents.Invoice("evt_failed", "invoice.payment_failed", t, "in_1", customer, "open"));
        Assert.Equal(TenantBillingStatus.GracePeriod, await SnapshotStandingAsync(b, tenant));
        Assert.Equal(0, await StandingJobAsync(b));

        b.Time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, await StandingJobAsync(b));
        Assert.Equal(TenantBillingStatus.Suspended, await SnapshotStandingAsync(b, tenant));
        var overview = await b.Host.Admin.GetFromJsonAsync<PlatformBillingDto>("/api/platform/billing", SwitchyardJson.Options);
        var row = Assert.Single(overview!.Tenants);
        Assert.Equal(("suspended", 1), (row.Standing, row.FailedPayments));

        await SignedAsync(b, StripeEvents.Invoice("evt_paid", "invoice.paid", b.Time.GetUtcNow(), "in_1", customer, "paid", amountPaid: 12_345));
        Assert.Null(await SnapshotStandingAsync(b, tenant));
    }

    [Fact]
    public async Task HandleAsync_SubscriptionEventsOutOfOrder_NewestWins()
    {
        await using var b = await BillingTestHost.StartAsync();
        var (tenant, customer) = await b.LinkedTenantAsync("acme");
        var subscription = (await b.AccountAsync(tenant)).StripeSubscriptionId!;
        var t = b.Time.GetUtcNow();

        await SignedAsync(b, StripeEvents.Subscription("evt_2", "customer.subscription.updated", t.AddMinutes(2), subscription, customer, "past_due"));
        var older = await SignedAsync(b, StripeEvents.Subscription("evt_1", "customer.subscription.updated", t.AddMinutes(1), subscription, customer, "active"));
        Assert.Equal(StripeWebhookOutcomes.Older, older.Outcome);
        Assert.Equal("past_due", (await b.AccountAsync(tenant)).SubscriptionStatus);

        await SignedAsync(b, StripeEvents.Subscription("evt_3", "customer.subscription.deleted", t.AddMinutes(3), subscription, customer, "canceled"));
        var account = await b.AccountAsync(tenant);
        Assert.Equal(("canceled", (string?)null), (account.SubscriptionStatus, account.StripeSubscriptionId));
    }

    private static Task<HttpResponseMessage> PostAsync(BillingTestHost b, string payload, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add(ReceiveStripeWebhook.SignatureHeader, signature);
        return b.Host.Anonymous.SendAsync(request);
    }

    private static async Task<StripeWebhookAnswer> SignedAsync(BillingTestHost b, string payload)
    {
        var response = await PostAsync(b, payload, StripeWebhookSigner.Sign(payload, BillingTestHost.WebhookSecret, b.Time.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<StripeWebhookAnswer>(SwitchyardJson.Options))!;
    }

    private static async Task<int> StandingJobAsync(BillingTestHost b)
    {
        await using var scope = b.Host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BillingStandingJob>().RunAsync(CancellationToken.None);
    }

    private static async Task<TenantBillingStatus?> SnapshotStandingAsync(BillingTestHost b, Guid tenant)
    {
        await using var scope = b.Host.CreateScope();
        var built = await scope.ServiceProvider.GetRequiredService<SnapshotBuilder>()
            .BuildAsync(scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>(), CancellationToken.None);
        var snapshot = System.Text.Json.JsonSerializer.Deserialize<ConfigSnapshot>(built.Json.Span, SwitchyardJson.Options)!;
        return snapshot.Tenants.Single(t => t.Id == tenant).Billing;
    }
}
