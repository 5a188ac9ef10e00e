using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>
/// One Stripe meter event for a tenant's hour: version 1 is the hour's usage, each later version an adjustment by
/// <see cref="Value"/> (the hour's rollup changed after it was sent). Written <see cref="BillingSendState.Pending"/> before
/// the call and marked <see cref="BillingSendState.Sent"/> after it, so a run that died in between re-sends the same
/// event (same <see cref="Identifier"/>, same value) and Stripe drops the duplicate.
/// </summary>
public sealed class BillingMeterSend : ITenantOwned
{
    public Guid TenantId { get; set; }
    public DateTimeOffset HourStart { get; set; }
    public int Version { get; set; }

    /// <summary>The meter event's idempotency identifier: tenant, hour and version.</summary>
    public string Identifier { get; set; } = "";

    /// <summary>In the meter's unit; an adjustment may be negative.</summary>
    public long Value { get; set; }

    public BillingSendState State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    public bool IsAdjustment => Version > 1;

    public static string IdentifierFor(Guid tenantId, DateTimeOffset hourStart, int version) =>
        $"sy-{tenantId:N}-{hourStart.UtcDateTime:yyyyMMddHH}-v{version}";
}

public enum BillingSendState
{
    Pending = 0,
    Sent = 1,
}

internal sealed class BillingMeterSendConfiguration : IEntityTypeConfiguration<BillingMeterSend>
{
    public void Configure(EntityTypeBuilder<BillingMeterSend> builder)
    {
        builder.ToTable("BillingMeterSends");
        builder.HasKey(s => new { s.TenantId, s.HourStart, s.Version });
        builder.Property(s => s.Identifier).HasMaxLength(100);
        builder.HasIndex(s => s.Identifier).IsUnique();
        builder.HasIndex(s => s.State);
        builder.Ignore(s => s.IsAdjustment);
    }
}
