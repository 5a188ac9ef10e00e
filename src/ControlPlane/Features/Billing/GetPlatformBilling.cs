using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>
/// GET /api/platform/billing (platform admins): every tenant's Stripe link, last usage sync (and its error), last
/// reconciliation (with its differing hours), failed payments and standing, and the failed-payment rule in force; 404 when billing is off.
/// </summary>
public static class GetPlatformBilling
{
    public static async Task<Results<Ok<PlatformBillingDto>, ProblemHttpResult>> HandleAsync(
        ControlPlaneDbContext db, IOptions<StripeBillingOptions> options, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return BillingProblems.Off();
        }

        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        var accounts = await db.BillingAccounts.AsNoTracking().IgnoreQueryFilters().ToDictionaryAsync(a => a.TenantId, cancellationToken);
        var standing = await db.TenantBillingStates.AsNoTracking().IgnoreQueryFilters().ToDictionaryAsync(s => s.TenantId, s => s.Status, cancellationToken);
        var rows = tenants.ConvertAll(t =>
        {
            accounts.TryGetValue(t.Id, out var a);
            var status = a?.ReconciledAt is null ? "never" : a.ReconciliationDifferences == 0 ? "matched" : "differences";
            return new TenantBillingSummaryDto(
                t.Id, t.Name, a?.StripeCustomerId, a?.StripeSubscriptionId, a?.SubscriptionStatus, a?.LastSyncAt, a?.LastSyncError,
                status, a?.ReconciliationDifferences ?? 0, a?.ReconciledAt, a?.FailedPayments ?? 0,
                TenantStanding.Describe(standing.TryGetValue(t.Id, out var s) ? s : null), a?.ReconciliationDetail);
        });
        var rule = await FailedPaymentRule.CurrentAsync(db, o, cancellationToken);
        return TypedResults.Ok(new PlatformBillingDto(o.MeterEventName, o.MeterUnit.ToString(), rows, rule.ToDto()));
    }
}
