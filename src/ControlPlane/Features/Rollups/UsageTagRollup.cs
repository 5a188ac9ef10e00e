using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Features.Rollups;

/// <summary>
/// Usage summed per period and per tenant, tag, team, public model and price version: a record with several tags counts
/// once under each (so tag rows do not add up to the tenant's total); an untagged record counts under no tag.
/// </summary>
public sealed class UsageTagRollup : ITokenKindCosts
{
    public RollupGranularity Granularity { get; set; }
    public DateTimeOffset Start { get; set; }
    public Guid TenantId { get; set; }
    public string Tag { get; set; } = "";
    public Guid TeamId { get; set; }
    public string Model { get; set; } = "";
    public string PriceVersion { get; set; } = "";

    public long Requests { get; set; }
    public long Errors { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    public long CachedInputTokens { get; set; }
    public long CacheWriteTokens { get; set; }
    public long ReasoningTokens { get; set; }
    public long CostMicros { get; set; }

    /// <summary>The cost per token kind (<see cref="ITokenKindCosts"/>); what they leave of <see cref="CostMicros"/> is unattributed.</summary>
    public long InputCostMicros { get; set; }
    public long CachedInputCostMicros { get; set; }
    public long CacheWriteCostMicros { get; set; }
    public long OutputCostMicros { get; set; }
    public long ReasoningCostMicros { get; set; }
}

internal sealed class UsageTagRollupConfiguration : IEntityTypeConfiguration<UsageTagRollup>
{
    public void Configure(EntityTypeBuilder<UsageTagRollup> builder)
    {
        builder.ToTable("UsageTagRollups");
        builder.HasKey(r => new { r.Granularity, r.Start, r.TenantId, r.Tag, r.TeamId, r.Model, r.PriceVersion });
        builder.Property(r => r.Tag).HasMaxLength(TagRules.MaxLength);
        builder.Property(r => r.Model).HasMaxLength(UsageRecordLimits.Model);
        builder.Property(r => r.PriceVersion).HasMaxLength(UsageRecordLimits.PriceVersion);
        builder.HasIndex(r => new { r.TenantId, r.Granularity, r.Start });
    }
}
