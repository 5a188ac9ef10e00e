using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>
/// POST /api/platform/billing/tenants/{tenantId}/link (platform admins): creates the tenant's Stripe customer and its
/// metered subscription (<c>Billing:Stripe:PriceId</c>) unless they exist, and stores their ids; usage is billed from the
/// current hour on. Safe to repeat: the customer id is stored before the subscription is created, and both Stripe calls
/// carry idempotency keys derived from the tenant (the subscription's also from how many the account has had, so linking
/// again after a cancellation creates a new subscription instead of replaying the cancelled one).
/// </summary>
public static class LinkTenant
{
    public static async Task<Results<Ok<BillingLinkDto>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, ControlPlaneDbContext db, IStripeBilling stripe, StripeRetry retry, IOptions<StripeBillingOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return BillingProblems.Off();
        }

        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null)
        {
            return Problems.NotFound("The tenant");
        }

        var account = await db.BillingAccounts.IgnoreQueryFilters().FirstOrDefaultAsync(a => a.TenantId == tenantId, cancellationToken);
        try
        {
            if (account is null)
            {
                var customerId = await retry.RunAsync(ct => stripe.CreateCustomerAsync(tenantId, tenant.Name, ct), cancellationToken);
                var now = time.GetUtcNow();
                account = new BillingAccount { TenantId = tenantId, StripeCustomerId = customerId, CreatedAt = now, BillFrom = BillableUsage.FloorHour(now) };
                db.BillingAccounts.Add(account);
                await db.SaveChangesAsync(cancellationToken);
            }

            if (account.StripeSubscriptionId is null)
            {
                // A new key per subscription: after a cancellation, the key of the cancelled one would replay it.
                var link = account.SubscriptionLinks + 1;
                var subscription = await retry.RunAsync(ct => stripe.CreateSubscriptionAsync(tenantId, account.StripeCustomerId, link, ct), cancellationToken);
                account.StripeSubscriptionId = subscription.Id;
                account.SubscriptionLinks = link;
                account.SubscriptionStatus = subscription.Status;
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (StripeCallException ex)
        {
            return BillingProblems.Stripe(ex);
        }

        return TypedResults.Ok(new BillingLinkDto(tenantId, account.StripeCustomerId, account.StripeSubscriptionId, account.SubscriptionStatus ?? ""));
    }
}
