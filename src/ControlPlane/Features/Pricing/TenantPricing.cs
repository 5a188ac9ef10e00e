using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Features.Tenants;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Pricing;

/// <summary>
/// A tenant's price overrides: per-model prices (used instead of the catalog's) and a discount off every other catalog price.
/// Each update gets a new <see cref="Version"/>, so records name the override they were billed at. Bumps the config revision.
/// </summary>
public sealed class TenantPricing : IConfigEntity, ITenantOwned
{
    public const int MaxModelPrices = 100;

    public Guid TenantId { get; set; }
    public decimal? DiscountPercent { get; set; }
    public List<TenantModelPrice> ModelPrices { get; set; } = [];
    public Guid Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    /// <summary>The version id part records billed at this override carry.</summary>
    public string VersionText => "tenant:" + Version.ToString("N");

    public TenantPricingDto ToDto() => new(TenantId, DiscountPercent, ModelPrices.ToArray(), VersionText, UpdatedAt);
}

internal sealed class TenantPricingConfiguration : IEntityTypeConfiguration<TenantPricing>
{
    public void Configure(EntityTypeBuilder<TenantPricing> builder)
    {
        builder.ToTable("TenantPricing");
        builder.HasKey(p => p.TenantId);
        builder.Property(p => p.DiscountPercent).HasPrecision(9, 4);
        builder.Property(p => p.UpdatedBy).HasMaxLength(100);
        builder.Property<List<TenantModelPrice>?>(nameof(TenantPricing.ModelPrices)).HasJsonTextListConversion().IsRequired();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
