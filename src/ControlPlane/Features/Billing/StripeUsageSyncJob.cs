using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>
/// Sends every linked tenant's usage to Stripe as billing meter events, one per tenant and closed hour (from the hourly
/// rollups), exactly once:
/// <list type="number">
/// <item>an event is first stored as a pending <see cref="BillingMeterSend"/> (tenant, hour, version, identifier, value),
/// then sent, then marked sent; a run that stopped in between (crash, timeout) finds the pending event and sends it again
/// unchanged — same identifier and idempotency key, which Stripe dedupes;</item>
/// <item>an hour whose rollup changed after it was sent (late usage) gets a new version carrying only the difference: an
/// identified adjustment event, never a resend of the hour;</item>
/// <item>429, 5xx and timeouts are retried with backoff (<see cref="StripeRetry"/>); a tenant whose send still fails keeps
/// its pending event for the next run, and the error is shown on the platform's billing page.</item>
/// </list>
/// </summary>
public sealed class StripeUsageSyncJob(
    ControlPlaneDbContext db, IStripeBilling stripe, StripeRetry retry, IOptions<StripeBillingOptions> options, TimeProvider time, ILogger<StripeUsageSyncJob> logger)
{
    public const string Id = "switchyard-stripe-usage-sync";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<StripeUsageSync> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return new StripeUsageSync(0, 0, 0);
        }

        var accounts = await db.BillingAccounts.IgnoreQueryFilters().Where(a => a.StripeSubscriptionId != null)
            .OrderBy(a => a.TenantId).ToListAsync(cancellationToken);
        int sent = 0, failed = 0;
        foreach (var account in accounts)
        {
            try
            {
                sent += await SyncAsync(account, o, cancellationToken);
                account.LastSyncError = null;
            }
            catch (StripeCallException ex)
            {
                failed++;
                account.LastSyncError = Truncate(ex.Message);
                BillingLog.SyncFailed(logger, account.TenantId, ex.Message);
            }

            account.LastSyncAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        BillingLog.Synced(logger, accounts.Count, sent, failed);
        return new StripeUsageSync(accounts.Count, sent, failed);
    }

    private async Task<int> SyncAsync(BillingAccount account, StripeBillingOptions o, CancellationToken cancellationToken)
    {
        var count = 0;

        // First what a previous run left pending, unchanged.
        var pending = await db.BillingMeterSends.IgnoreQueryFilters()
            .Where(s => s.TenantId == account.TenantId && s.State == BillingSendState.Pending)
            .OrderBy(s => s.HourStart).ThenBy(s => s.Version).ToListAsync(cancellationToken);
        foreach (var send in pending)
        {
            await SendAsync(account, send, cancellationToken);
            count++;
        }

        var now = time.GetUtcNow();
        var to = BillableUsage.ClosedBefore(now, TimeSpan.FromMinutes(o.SettleMinutes));
        var lookback = BillableUsage.FloorHour(now - BillableUsage.Lookback);
        var from = account.BillFrom > lookback ? account.BillFrom : lookback;
        var ledger = await BillableUsage.LedgerAsync(db, account.TenantId, from, to, o.MeterUnit, cancellationToken);
        var sentSoFar = await BillableUsage.SentAsync(db, account.TenantId, from, to, sentOnly: false, cancellationToken);
        foreach (var hour in ledger.Keys.Union(sentSoFar.Keys).Order())
        {
            var value = ledger.GetValueOrDefault(hour);
            var (already, version) = sentSoFar.GetValueOrDefault(hour);
            if (value == already)
            {
                continue;
            }

            var send = new BillingMeterSend
            {
                TenantId = account.TenantId,
                HourStart = hour,
                Version = version + 1,
                Identifier = BillingMeterSend.IdentifierFor(account.TenantId, hour, version + 1),
                Value = value - already,
                State = BillingSendState.Pending,
                CreatedAt = now,
            };
            db.BillingMeterSends.Add(send);
            await db.SaveChangesAsync(cancellationToken);
            await SendAsync(account, send, cancellationToken);
            count++;
        }

        return count;
    }

    private async Task SendAsync(BillingAccount account, BillingMeterSend send, CancellationToken cancellationToken)
    {
        await retry.RunAsync(
            ct => stripe.SendMeterEventAsync(new MeterEvent(account.StripeCustomerId, send.Identifier, send.Value, send.HourStart), ct),
            cancellationToken);
        send.State = BillingSendState.Sent;
        send.SentAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        if (send.IsAdjustment)
        {
            BillingLog.AdjustmentSent(logger, send.TenantId, send.HourStart, send.Version, send.Value);
        }
    }

    private static string Truncate(string message) => message.Length <= 1000 ? message : message[..1000];
}

/// <param name="Tenants">Linked tenants looked at.</param>
/// <param name="Sent">Meter events sent (hours, adjustments and re-sent pending events).</param>
/// <param name="Failed">Tenants whose sync stopped on a Stripe error.</param>
public sealed record StripeUsageSync(int Tenants, int Sent, int Failed);
