using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>
/// A tenant's link to Stripe (one row per linked tenant): its customer and metered subscription, the state of the usage
/// sync, of the last reconciliation and of its payments. Usage is billed from <see cref="BillFrom"/> (the hour it was linked).
/// </summary>
public sealed class BillingAccount : ITenantOwned
{
    public const int StripeIdMaxLength = 255;

    public Guid TenantId { get; set; }
    public string StripeCustomerId { get; set; } = "";
    public string? StripeSubscriptionId { get; set; }
    public string? SubscriptionStatus { get; set; }

    /// <summary>How many subscriptions were created for the account (each link's idempotency key carries its number).</summary>
    public int SubscriptionLinks { get; set; }

    /// <summary>The <c>created</c> time of the subscription event last applied (older events arriving late are ignored).</summary>
    public DateTimeOffset? SubscriptionEventAt { get; set; }

    public DateTimeOffset BillFrom { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSyncAt { get; set; }
    public string? LastSyncError { get; set; }
    public DateTimeOffset? ReconciledAt { get; set; }
    public int ReconciliationDifferences { get; set; }

    /// <summary>The differing hours of the last reconciliation (at most a few, as text); null when none.</summary>
    public string? ReconciliationDetail { get; set; }

    public int FailedPayments { get; set; }
    public DateTimeOffset? LastPaymentFailedAt { get; set; }
}

internal sealed class BillingAccountConfiguration : IEntityTypeConfiguration<BillingAccount>
{
    public void Configure(EntityTypeBuilder<BillingAccount> builder)
    {
        builder.ToTable("BillingAccounts");
        builder.HasKey(a => a.TenantId);
        builder.Property(a => a.StripeCustomerId).HasMaxLength(BillingAccount.StripeIdMaxLength);
        builder.Property(a => a.StripeSubscriptionId).HasMaxLength(BillingAccount.StripeIdMaxLength);
        builder.Property(a => a.SubscriptionStatus).HasMaxLength(40);
        builder.Property(a => a.LastSyncError).HasMaxLength(1000);
        builder.Property(a => a.ReconciliationDetail).HasMaxLength(4000);
        builder.HasIndex(a => a.StripeCustomerId).IsUnique();
    }
}
