using Stripe;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>Applies one type of Stripe webhook event; returns what it did (stored with the event id).</summary>
public interface IStripeEventHandler
{
    string EventType { get; }

    Task<string> HandleAsync(Event stripeEvent, CancellationToken cancellationToken);
}
