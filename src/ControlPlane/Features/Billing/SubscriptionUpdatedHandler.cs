using Stripe;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary><c>customer.subscription.updated</c>: the subscription's status, unless a newer event already set it.</summary>
public sealed class SubscriptionUpdatedHandler(SubscriptionRecorder subscriptions) : IStripeEventHandler
{
    public string EventType => EventTypes.CustomerSubscriptionUpdated;

    public Task<string> HandleAsync(Event stripeEvent, CancellationToken cancellationToken) =>
        subscriptions.RecordAsync(stripeEvent, null, cancellationToken);
}
