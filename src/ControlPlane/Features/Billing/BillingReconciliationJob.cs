using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>
/// Daily: for every linked tenant and every closed hour Stripe still accepts events for, compares the ledger (hourly
/// rollups) with Stripe's own hourly meter totals (event summaries, with <c>Billing:Stripe:MeterId</c>; without it, with
/// the meter events Stripe acknowledged, adjustments included) and records the differing hours on the tenant's account
/// (<c>GET /api/platform/billing</c>). A difference means the sync has not caught up (a pending or failing send) or the
/// books disagree; the sync corrects the former on its next run. A tenant whose Stripe totals cannot be read keeps its
/// previous reconciliation.
/// </summary>
public sealed class BillingReconciliationJob(
    ControlPlaneDbContext db, IOptions<StripeBillingOptions> options, IStripeBilling stripe, StripeRetry retry, TimeProvider time,
    ILogger<BillingReconciliationJob> logger)
{
    public const string Id = "switchyard-billing-reconciliation";
    private const int DetailHours = 20;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var to = BillableUsage.ClosedBefore(now, TimeSpan.FromMinutes(o.SettleMinutes));
        var lookback = BillableUsage.FloorHour(now - BillableUsage.Lookback);
        var accounts = await db.BillingAccounts.IgnoreQueryFilters().OrderBy(a => a.TenantId).ToListAsync(cancellationToken);
        var total = 0;
        foreach (var account in accounts)
        {
            var from = account.BillFrom > lookback ? account.BillFrom : lookback;
            var ledger = await BillableUsage.LedgerAsync(db, account.TenantId, from, to, o.MeterUnit, cancellationToken);
            IReadOnlyDictionary<DateTimeOffset, long> billed;
            if (string.IsNullOrEmpty(o.MeterId))
            {
                billed = (await BillableUsage.SentAsync(db, account.TenantId, from, to, sentOnly: true, cancellationToken)).ToDictionary(s => s.Key, s => s.Value.Value);
            }
            else
            {
                try
                {
                    billed = from < to
                        ? await retry.RunAsync(ct => stripe.GetMeterTotalsAsync(o.MeterId, account.StripeCustomerId, from, to, ct), cancellationToken)
                        : new Dictionary<DateTimeOffset, long>();
                }
                catch (StripeCallException ex)
                {
                    BillingLog.ReconciliationFailed(logger, account.TenantId, ex.Message);
                    continue;
                }
            }

            var source = string.IsNullOrEmpty(o.MeterId) ? "sent" : "Stripe";
            var detail = new StringBuilder();
            var differences = 0;
            foreach (var hour in ledger.Keys.Union(billed.Keys).Order())
            {
                var recorded = ledger.GetValueOrDefault(hour);
                var counted = billed.GetValueOrDefault(hour);
                if (recorded == counted)
                {
                    continue;
                }

                if (++differences <= DetailHours)
                {
                    detail.Append(CultureInfo.InvariantCulture, $"{hour.UtcDateTime:yyyy-MM-ddTHH:00Z}: ledger {recorded}, {source} {counted}; ");
                }
            }

            account.ReconciledAt = now;
            account.ReconciliationDifferences = differences;
            account.ReconciliationDetail = differences == 0 ? null : detail.ToString().TrimEnd(' ', ';');
            total += differences;
        }

        await db.SaveChangesAsync(cancellationToken);
        BillingLog.Reconciled(logger, accounts.Count, total);
        return total;
    }
}
