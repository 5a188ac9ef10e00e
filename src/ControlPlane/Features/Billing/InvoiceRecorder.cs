using Microsoft.EntityFrameworkCore;
using Stripe;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>
/// Records a webhook's invoice for its tenant, newest event first: an event older than the one last applied (Stripe does
/// not deliver in order) changes nothing, and at the same second a final status (paid, void, uncollectible) wins over an open one.
/// </summary>
public sealed class InvoiceRecorder(ControlPlaneDbContext db)
{
    /// <summary>The tenant's account and whether the event was applied; null account when the customer is not a tenant's.</summary>
    public async Task<(BillingAccount? Account, bool Applied)> RecordAsync(Event stripeEvent, CancellationToken cancellationToken)
    {
        var invoice = (Invoice)stripeEvent.Data.Object;
        var account = await db.BillingAccounts.IgnoreQueryFilters().FirstOrDefaultAsync(a => a.StripeCustomerId == invoice.CustomerId, cancellationToken);
        if (account is null)
        {
            return (null, false);
        }

        var eventAt = new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc));
        var row = await db.BillingInvoices.IgnoreQueryFilters().FirstOrDefaultAsync(i => i.Id == invoice.Id, cancellationToken);
        if (row is not null && (eventAt < row.EventAt || (eventAt == row.EventAt && Rank(invoice.Status) < Rank(row.Status))))
        {
            return (account, false);
        }

        if (row is null)
        {
            row = new BillingInvoice { Id = invoice.Id, TenantId = account.TenantId };
            db.BillingInvoices.Add(row);
        }

        row.Status = invoice.Status ?? "";
        row.AmountDue = invoice.AmountDue;
        row.AmountPaid = invoice.AmountPaid;
        row.Currency = invoice.Currency ?? "";
        row.PeriodStart = Utc(invoice.PeriodStart);
        row.PeriodEnd = Utc(invoice.PeriodEnd);
        row.EventAt = eventAt;
        return (account, true);
    }

    /// <summary>True when a newer event already recorded the invoice as final (a late failure must not suspend a paid tenant).</summary>
    public async Task<bool> IsSettledAsync(string invoiceId, CancellationToken cancellationToken) =>
        await db.BillingInvoices.IgnoreQueryFilters().AnyAsync(i => i.Id == invoiceId && (i.Status == "paid" || i.Status == "void"), cancellationToken);

    private static int Rank(string? status) => status is "paid" or "void" or "uncollectible" ? 1 : 0;

    private static DateTimeOffset? Utc(DateTime value) =>
        value == default ? null : new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
