using Microsoft.EntityFrameworkCore;
using Stripe;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>
/// Records a subscription event on the tenant's account when it is newer than the last one applied; a canceled
/// subscription is unlinked (the usage sync skips accounts without a subscription).
/// </summary>
public sealed class SubscriptionRecorder(ControlPlaneDbContext db)
{
    public async Task<string> RecordAsync(Event stripeEvent, string? status, CancellationToken cancellationToken)
    {
        var subscription = (Subscription)stripeEvent.Data.Object;
        var account = await db.BillingAccounts.IgnoreQueryFilters().FirstOrDefaultAsync(a => a.StripeCustomerId == subscription.CustomerId, cancellationToken);
        if (account is null)
        {
            return StripeWebhookOutcomes.UnknownCustomer;
        }

        var eventAt = new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc));
        if (account.SubscriptionEventAt is { } last && (eventAt < last || (eventAt == last && account.SubscriptionStatus == "canceled")))
        {
            return StripeWebhookOutcomes.Older;
        }

        account.SubscriptionEventAt = eventAt;
        account.SubscriptionStatus = status ?? subscription.Status;
        if (account.SubscriptionStatus == "canceled" && account.StripeSubscriptionId == subscription.Id)
        {
            account.StripeSubscriptionId = null;
        }

        return StripeWebhookOutcomes.Applied;
    }
}
