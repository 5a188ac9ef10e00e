using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Features.Tenants;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>
/// A tenant's chargeback settings: an optional fixed monthly shared cost (the platform's own cost, in micro-dollars) that
/// each closing statement splits over the teams by their share of the month's usage cost, as <c>shared</c> lines.
/// </summary>
public sealed class ChargebackSettings : ITenantOwned
{
    public const int LabelMaxLength = 100;
    public const long MaxSharedCostMicros = 1_000_000_000_000_000; // a billion dollars a month

    public Guid TenantId { get; set; }
    public long SharedCostMicros { get; set; }
    public string SharedCostLabel { get; set; } = "";
}

internal sealed class ChargebackSettingsConfiguration : IEntityTypeConfiguration<ChargebackSettings>
{
    public void Configure(EntityTypeBuilder<ChargebackSettings> builder)
    {
        builder.ToTable("ChargebackSettings");
        builder.HasKey(s => s.TenantId);
        builder.Property(s => s.SharedCostLabel).HasMaxLength(ChargebackSettings.LabelMaxLength);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
