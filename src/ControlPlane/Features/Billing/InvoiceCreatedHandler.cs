using Stripe;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary><c>invoice.created</c>: records the invoice (shown to the tenant's admins).</summary>
public sealed class InvoiceCreatedHandler(InvoiceRecorder invoices) : IStripeEventHandler
{
    public string EventType => EventTypes.InvoiceCreated;

    public async Task<string> HandleAsync(Event stripeEvent, CancellationToken cancellationToken) =>
        (await invoices.RecordAsync(stripeEvent, cancellationToken)) switch
        {
            (null, _) => StripeWebhookOutcomes.UnknownCustomer,
            (_, true) => StripeWebhookOutcomes.Applied,
            _ => StripeWebhookOutcomes.Older,
        };
}
