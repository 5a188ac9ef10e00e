using Stripe;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary><c>invoice.paid</c>: records the invoice as paid and puts the tenant back in good standing.</summary>
public sealed class InvoicePaidHandler(InvoiceRecorder invoices, TenantStanding standing) : IStripeEventHandler
{
    public string EventType => EventTypes.InvoicePaid;

    public async Task<string> HandleAsync(Event stripeEvent, CancellationToken cancellationToken)
    {
        var (account, applied) = await invoices.RecordAsync(stripeEvent, cancellationToken);
        if (account is null)
        {
            return StripeWebhookOutcomes.UnknownCustomer;
        }

        await standing.RestoreAsync(account.TenantId, cancellationToken);
        return applied ? StripeWebhookOutcomes.Applied : StripeWebhookOutcomes.Older;
    }
}
