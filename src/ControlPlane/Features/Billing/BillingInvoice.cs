using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>A Stripe invoice of a linked tenant, as its webhooks reported it (the newest event wins).</summary>
public sealed class BillingInvoice : ITenantOwned
{
    public string Id { get; set; } = "";
    public Guid TenantId { get; set; }
    public string Status { get; set; } = "";
    public long AmountDue { get; set; }
    public long AmountPaid { get; set; }
    public string Currency { get; set; } = "";
    public DateTimeOffset? PeriodStart { get; set; }
    public DateTimeOffset? PeriodEnd { get; set; }

    /// <summary>The <c>created</c> time of the event last applied.</summary>
    public DateTimeOffset EventAt { get; set; }

    public BillingInvoiceDto ToDto() => new(Id, Status, AmountDue, AmountPaid, Currency, PeriodStart, PeriodEnd, EventAt);
}

internal sealed class BillingInvoiceConfiguration : IEntityTypeConfiguration<BillingInvoice>
{
    public void Configure(EntityTypeBuilder<BillingInvoice> builder)
    {
        builder.ToTable("BillingInvoices");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasMaxLength(BillingAccount.StripeIdMaxLength);
        builder.Property(i => i.Status).HasMaxLength(40);
        builder.Property(i => i.Currency).HasMaxLength(10);
        builder.HasIndex(i => new { i.TenantId, i.EventAt });
    }
}
