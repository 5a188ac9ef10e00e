using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Billing;

namespace Switchyard.ControlPlane.Tests.Features.Billing;

public sealed class StripeUsageSyncJobTests
{
    private static readonly DateTimeOffset Hour8 = BillingTestHost.LinkedAt.AddHours(8);
    private static readonly DateTimeOffset Hour9 = BillingTestHost.LinkedAt.AddHours(9);
    private static readonly DateTimeOffset Hour10 = BillingTestHost.LinkedAt.AddHours(10);

    [Fact]
    public async Task RunAsync_ClosedHours_SendsOneIdentifiedEventPerTenantHourAndOpenHourWaits()
    {
        await using var b = await BillingTestHost.StartAsync();
        var (tenant, customer) = await b.LinkedTenantAsync("acme");
        await b.IngestAsync(
            BillingTestHost.Usage(tenant, Hour8.AddMinutes(5), 1_000), BillingTestHost.Usage(tenant, Hour8.AddMinutes(50), 2_500),
            BillingTestHost.Usage(tenant, Hour9.AddMinutes(1), 4_000), BillingTestHost.Usage(tenant, Hour10.AddMinutes(2), 8_000));
        b.Time.SetUtcNow(Hour10.AddMinutes(20));

        var result = await b.SyncAsync();

        Assert.Equal(2, result.Sent);
        var events = b.Stripe.MeterEvents.OrderBy(e => e.Timestamp).ToList();
        Assert.Equal([3_500L, 4_000L], events.Select(e => e.Value));
        Assert.Equal([Hour8, Hour9], events.Select(e => e.Timestamp));
        Assert.All(events, e => Assert.Equal("switchyard_cost", e.EventName));
        Assert.Equal(BillingMeterSend.IdentifierFor(tenant, Hour8, 1), events[0].Identifier);
        Assert.Equal(await b.LedgerCostAsync(tenant, Hour10), b.Stripe.MeterTotal(customer));

        // Nothing changed: a second run sends nothing; once hour 10 closes, only it goes out.
        Assert.Equal(0, (await b.SyncAsync()).Sent);
        b.Time.SetUtcNow(Hour10.AddHours(1).AddMinutes(15));
        Assert.Equal(1, (await b.SyncAsync()).Sent);
        Assert.Equal(await b.LedgerCostAsync(tenant, Hour10.AddHours(1)), b.Stripe.MeterTotal(customer));
        Assert.Null((await b.AccountAsync(tenant)).LastSyncError);
    }

    [Fact]
    public async Task RunAsync_CrashBetweenSendAndBookkeeping_ResendsSameEventAndStripeCountsItOnce()
    {
        var crash = new CrashAfterSend();
        await using var b = await BillingTestHost.StartAsync(wrap: inner => crash.Wrap(inner));
        var (tenant, customer) = await b.LinkedTenantAsync("acme");
        await b.IngestAsync(BillingTestHost.Usage(tenant, Hour8.AddMinutes(5), 1_234));
        b.Time.SetUtcNow(Hour9.AddMinutes(30));

        crash.Armed = true;
        await Assert.ThrowsAsync<InvalidOperationException>(b.SyncAsync);
        Assert.Single(b.Stripe.MeterEvents);
        var pending = await b.DbAsync(db => db.BillingMeterSends.IgnoreQueryFilters().SingleAsync());
        Assert.Equal(BillingSendState.Pending, pending.State);

        // Late usage for the same hour arrives before the restart: the pending event still goes out unchanged, then the
        // difference. The idempotency key has expired meanwhile, so it is the identifier Stripe dedupes by.
        await b.IngestAsync(BillingTestHost.Usage(tenant, Hour8.AddMinutes(40), 66));
        b.Stripe.ForgetIdempotencyKeys();
        var result = await b.SyncAsync();

        Assert.Equal(2, result.Sent);
        var requests = b.Stripe.Requests.Where(r => r.Path == "/v1/billing/meter_events").ToList();
        Assert.Equal(2, requests.Count(r => r.Fields["identifier"] == pending.Identifier));
        Assert.All(requests.Where(r => r.Fields["identifier"] == pending.Identifier), r => Assert.Equal("1234", r.Fields["payload[value]"]));
        Assert.Equal(1, b.Stripe.DuplicateMeterEvents);
        Assert.Equal([1_234L, 66L], b.Stripe.MeterEvents.Select(e => e.Value));
        Assert.Equal(1_300, b.Stripe.MeterTotal(customer));
        Assert.Equal(await b.LedgerCostAsync(tenant, Hour9), b.Stripe.MeterTotal(customer));
    }

    [Fact]
    public async Task RunAsync_Stripe429WithRetryAfter_WaitsThatLongAndSendsOnce()
    {
        await using var b = await BillingTestHost.StartAsync();
        var (tenant, customer) = await b.LinkedTenantAsync("acme");
        await b.IngestAsync(BillingTestHost.Usage(tenant, Hour8.AddMinutes(5), 5_000));
        b.Time.SetUtcNow(Hour9.AddMinutes(30));
        b.Stripe.FailNext(429, TimeSpan.FromSeconds(7));

        var result = await b.SyncAsync();

        Assert.Equal((1, 0), (result.Sent, result.Failed));
        Assert.Equal([TimeSpan.FromSeconds(7)], b.Delays.Waits);
        Assert.Equal(5_000, b.Stripe.MeterTotal(customer));
    }

    [Fact]
    public async Task RunAsync_Stripe5xx_RetriesWithDoublingBackoff()
    {
        await using var b = await BillingTestHost.StartAsync(new Dictionary<string, string?> { ["Billing:Stripe:RetryBaseDelayMs"] = "200" });
        var (tenant, customer) = await b.LinkedTenantAsync("acme");
        await b.IngestAsync(BillingTestHost.Usage(tenant, Hour8.AddMinutes(5), 5_000));
        b.Time.SetUtcNow(Hour9.AddMinutes(30));
        b.Stripe.FailNext(500);
        b.Stripe.FailNext(503);

        await b.SyncAsync();

        Assert.Equal([TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)], b.Delays.Waits);
        Assert.Equal(5_000, b.Stripe.MeterTotal(customer));
    }

    [Fact]
    public async Task RunAsync_StripeTimesOutAfterApplying_RetryIsCountedOnce()
    {
        await using var b = await BillingTestHost.StartAsync();
        var (tenant, customer) = await b.LinkedTenantAsync("acme");
        await b.IngestAsync(BillingTestHost.Usage(tenant, Hour8.AddMinutes(5), 5_000));
        b.Time.SetUtcNow(Hour9.AddMinutes(30));
        b.Stripe.HangAfterNext(TimeSpan.FromSeconds(30));

        var result = await b.SyncAsync();

        Assert.Equal((1, 0), (result.Sent, result.Failed));
        var sends = b.Stripe.Requests.Where(r => r.Path == "/v1/billing/meter_events").ToList();
        Assert.Equal(2, sends.Count);
        Assert.Single(b.Stripe.MeterEvents);
        Assert.Equal(1, b.Stripe.IdempotentReplays);
        Assert.Equal(5_000, b.Stripe.MeterTotal(customer));
    }

    [Fact]
    public async Task RunAsync_LateUsageAfterHourWasSent_SendsIdentifiedAdjustmentNotResend()
    {
        await using var b = await BillingTestHost.StartAsync();
        var (tenant, customer) = await b.LinkedTenantAsync("acme");
        await b.IngestAsync(BillingTestHost.Usage(tenant, Hour8.AddMinutes(5), 1_000));
        b.Time.SetUtcNow(Hour9.AddMinutes(30));
        await b.SyncAsync();

        await b.IngestAsync(BillingTestHost.Usage(tenant, Hour8.AddMinutes(59), 250));
        b.Time.SetUtcNow(Hour10.AddMinutes(30));
        var result = await b.SyncAsync();

        Assert.Equal(1, result.Sent);
        var adjustment = b.Stripe.MeterEvents.Last();
        Assert.Equal(BillingMeterSend.IdentifierFor(tenant, Hour8, 2), adjustment.Identifier);
        Assert.Equal(250, adjustment.Value);
        Assert.Equal(Hour8, adjustment.Timestamp);
        Assert.Equal(1_250, b.Stripe.MeterTotal(customer));
    }

    [Fact]
    public async Task RunAsync_StripeKeepsFailing_KeepsEventPendingReportsErrorAndResumesNextRun()
    {
        await using var b = await BillingTestHost.StartAsync(new Dictionary<string, string?> { ["Billing:Stripe:MaxAttempts"] = "2" });
        var (tenant, customer) = await b.LinkedTenantAsync("acme");
        await b.IngestAsync(BillingTestHost.Usage(tenant, Hour8.AddMinutes(5), 1_000));
        b.Time.SetUtcNow(Hour9.AddMinutes(30));
        b.Stripe.FailNext(500);
        b.Stripe.FailNext(500);

        var failed = await b.SyncAsync();

        Assert.Equal(1, failed.Failed);
        Assert.Contains("500", (await b.AccountAsync(tenant)).LastSyncError);
        Assert.DoesNotContain(b.Stripe.ApiKey, (await b.AccountAsync(tenant)).LastSyncError);
        Assert.Equal(0, b.Stripe.MeterTotal(customer));

        await b.SyncAsync();
        Assert.Null((await b.AccountAsync(tenant)).LastSyncError);
        Assert.Equal(1_000, b.Stripe.MeterTotal(customer));
        Assert.Equal(1, await b.DbAsync(db => db.BillingMeterSends.IgnoreQueryFilters().CountAsync()));
    }

    /// <summary>Lets the real send through, then "crashes" the job before its bookkeeping, once.</summary>
    private sealed class CrashAfterSend
    {
        public bool Armed { get; set; }

        public IStripeBilling Wrap(IStripeBilling inner) => new Crashing(inner, this);

        private sealed class Crashing(IStripeBilling inner, CrashAfterSend crash) : IStripeBilling
        {
            public Task<string> CreateCustomerAsync(Guid tenantId, string tenantName, CancellationToken cancellationToken) =>
                inner.CreateCustomerAsync(tenantId, tenantName, cancellationToken);

            public Task<StripeSubscriptionInfo> CreateSubscriptionAsync(Guid tenantId, string customerId, int link, CancellationToken cancellationToken) =>
                inner.CreateSubscriptionAsync(tenantId, customerId, link, cancellationToken);

            public Task<IReadOnlyDictionary<DateTimeOffset, long>> GetMeterTotalsAsync(
                string meterId, string customerId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
                inner.GetMeterTotalsAsync(meterId, customerId, from, to, cancellationToken);

            public async Task SendMeterEventAsync(MeterEvent meterEvent, CancellationToken cancellationToken)
            {
                await inner.SendMeterEventAsync(meterEvent, cancellationToken);
                if (crash.Armed)
                {
                    crash.Armed = false;
                    throw new InvalidOperationException("The job process died after Stripe accepted the event.");
                }
            }
        }
    }
}
