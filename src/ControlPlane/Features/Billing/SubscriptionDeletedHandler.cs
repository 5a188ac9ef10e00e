using Stripe;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary><c>customer.subscription.deleted</c>: the subscription is canceled (usage is no longer sent for the tenant).</summary>
public sealed class SubscriptionDeletedHandler(SubscriptionRecorder subscriptions) : IStripeEventHandler
{
    public string EventType => EventTypes.CustomerSubscriptionDeleted;

    public Task<string> HandleAsync(Event stripeEvent, CancellationToken cancellationToken) =>
        subscriptions.RecordAsync(stripeEvent, "canceled", cancellationToken);
}
