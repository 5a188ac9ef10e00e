using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Features.Rollups;

/// <summary>
/// Usage summed per period (<see cref="Granularity"/>, <see cref="Start"/>) and per tenant, team, key, public model, deployment
/// and price version. Hourly rows are maintained by <see cref="UsageRollupStep"/> in the transaction that stores the records,
/// so they always equal the ledger; daily rows are summed from them by <see cref="DailyRollupJob"/>.
/// Absent dimensions are stored as <see cref="Guid.Empty"/> / "" (key columns cannot be null).
/// </summary>
public sealed class UsageRollup : ITokenKindCosts, IKeyAttributed
{
    public RollupGranularity Granularity { get; set; }
    public DateTimeOffset Start { get; set; }
    public Guid TenantId { get; set; }
    public Guid TeamId { get; set; }
    public Guid KeyId { get; set; }
    public string Model { get; set; } = "";
    public Guid DeploymentId { get; set; }
    public string PriceVersion { get; set; } = "";

    public long Requests { get; set; }

    /// <summary>Records with a status of 400 or more (including the gateway's own refusals and cut streams).</summary>
    public long Errors { get; set; }
    public long Streams { get; set; }
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
    public double LatencyMsSum { get; set; }
    public long TtftCount { get; set; }
    public double TtftMsSum { get; set; }

    /// <summary>Output tokens of the successful records that produced any (the numerator of output tokens per second).</summary>
    public long RateOutputTokens { get; set; }

    /// <summary>Generation time of those records in ms: latency minus time to first token when known (the denominator).</summary>
    public double RateMs { get; set; }
}

internal sealed class UsageRollupConfiguration : IEntityTypeConfiguration<UsageRollup>
{
    public void Configure(EntityTypeBuilder<UsageRollup> builder)
    {
        builder.ToTable("UsageRollups");
        builder.HasKey(r => new { r.Granularity, r.Start, r.TenantId, r.TeamId, r.KeyId, r.Model, r.DeploymentId, r.PriceVersion });
        builder.Property(r => r.Model).HasMaxLength(UsageRecordLimits.Model);
        builder.Property(r => r.PriceVersion).HasMaxLength(UsageRecordLimits.PriceVersion);
        builder.HasIndex(r => new { r.TenantId, r.Granularity, r.Start });
    }
}
