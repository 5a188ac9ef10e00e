using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>A Stripe webhook event received (its id stored once: a redelivered event is acknowledged and not applied again).</summary>
public sealed class StripeWebhookEvent
{
    public string Id { get; set; } = "";
    public string Type { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>What the handler did (applied, ignored as older, unknown customer, …).</summary>
    public string Outcome { get; set; } = "";
}

internal sealed class StripeWebhookEventConfiguration : IEntityTypeConfiguration<StripeWebhookEvent>
{
    public void Configure(EntityTypeBuilder<StripeWebhookEvent> builder)
    {
        builder.ToTable("StripeWebhookEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(BillingAccount.StripeIdMaxLength);
        builder.Property(e => e.Type).HasMaxLength(100);
        builder.Property(e => e.Outcome).HasMaxLength(200);
    }
}
