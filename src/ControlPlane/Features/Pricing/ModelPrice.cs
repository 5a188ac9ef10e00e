using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Pricing;

/// <summary>
/// A platform admin's price row (USD per million tokens). Rows are never edited: a price change is a new row with a later
/// <see cref="EffectiveFrom"/>, so every version stays explainable. Saving one bumps the config revision (new snapshot prices).
/// </summary>
public sealed class ModelPrice : IConfigEntity
{
    public const int PrefixMaxLength = DeploymentRules.UpstreamModelMaxLength;

    public Guid Id { get; set; }

    /// <summary>The provider kind; null: every kind but mock.</summary>
    public string? ProviderKind { get; set; }

    /// <summary>Lowercase model id prefix, matched like the model catalog's.</summary>
    public string ModelPrefix { get; set; } = "";
    public decimal InputPerMTok { get; set; }
    public decimal OutputPerMTok { get; set; }
    public decimal? CachedInputPerMTok { get; set; }
    public decimal? CacheWritePerMTok { get; set; }
    public decimal? ReasoningPerMTok { get; set; }
    public decimal? EmbeddingInputPerMTok { get; set; }
    public DateTimeOffset EffectiveFrom { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";

    /// <summary>The version id records billed at this row carry.</summary>
    public string Version => "price:" + Id.ToString("N");

    public ModelPriceDto ToDto() => new(
        Version, ProviderKind, ModelPrefix, InputPerMTok, OutputPerMTok, CachedInputPerMTok, CacheWritePerMTok, ReasoningPerMTok,
        EmbeddingInputPerMTok, EffectiveFrom, "admin");
}

internal sealed class ModelPriceConfiguration : IEntityTypeConfiguration<ModelPrice>
{
    public void Configure(EntityTypeBuilder<ModelPrice> builder)
    {
        builder.ToTable("ModelPrices");
        builder.Property(p => p.ProviderKind).HasMaxLength(32);
        builder.Property(p => p.ModelPrefix).HasMaxLength(ModelPrice.PrefixMaxLength);
        builder.Property(p => p.CreatedBy).HasMaxLength(100);
        builder.Property(p => p.InputPerMTok).HasPrecision(18, 6);
        builder.Property(p => p.OutputPerMTok).HasPrecision(18, 6);
        builder.Property(p => p.CachedInputPerMTok).HasPrecision(18, 6);
        builder.Property(p => p.CacheWritePerMTok).HasPrecision(18, 6);
        builder.Property(p => p.ReasoningPerMTok).HasPrecision(18, 6);
        builder.Property(p => p.EmbeddingInputPerMTok).HasPrecision(18, 6);
        builder.HasIndex(p => new { p.ModelPrefix, p.EffectiveFrom });
    }
}
