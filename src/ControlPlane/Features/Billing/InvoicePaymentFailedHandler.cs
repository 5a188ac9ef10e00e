using Stripe;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>
/// <c>invoice.payment_failed</c>: counts the failed payment and, with <c>Billing:Stripe:FailedPaymentAction=Suspend</c>,
/// starts the tenant's grace period (<see cref="TenantStanding"/>). A failure that arrives after the invoice was paid changes nothing.
/// </summary>
public sealed class InvoicePaymentFailedHandler(InvoiceRecorder invoices, TenantStanding standing, TimeProvider time) : IStripeEventHandler
{
    public string EventType => EventTypes.InvoicePaymentFailed;

    public async Task<string> HandleAsync(Event stripeEvent, CancellationToken cancellationToken)
    {
        var invoice = (Invoice)stripeEvent.Data.Object;
        if (await invoices.IsSettledAsync(invoice.Id, cancellationToken))
        {
            return StripeWebhookOutcomes.Older;
        }

        var (account, _) = await invoices.RecordAsync(stripeEvent, cancellationToken);
        if (account is null)
        {
            return StripeWebhookOutcomes.UnknownCustomer;
        }

        account.FailedPayments++;
        account.LastPaymentFailedAt = time.GetUtcNow();
        await standing.PaymentFailedAsync(account.TenantId, cancellationToken);
        return StripeWebhookOutcomes.Applied;
    }
}
