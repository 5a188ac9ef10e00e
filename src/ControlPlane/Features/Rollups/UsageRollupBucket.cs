using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Features.Rollups;

/// <summary>
/// One non-empty bucket of a latency or time-to-first-token histogram (<see cref="LatencyBuckets"/>) of a
/// <see cref="UsageRollup"/> row: same period and dimensions, plus the metric and the bucket index. Sparse: a bucket
/// nothing fell into has no row.
/// </summary>
public sealed class UsageRollupBucket : IKeyAttributed
{
    public RollupGranularity Granularity { get; set; }
    public DateTimeOffset Start { get; set; }
    public Guid TenantId { get; set; }
    public Guid TeamId { get; set; }
    public Guid KeyId { get; set; }
    public string Model { get; set; } = "";
    public Guid DeploymentId { get; set; }
    public string PriceVersion { get; set; } = "";
    public RollupMetric Metric { get; set; }
    public short Bucket { get; set; }

    public long Count { get; set; }
}

internal sealed class UsageRollupBucketConfiguration : IEntityTypeConfiguration<UsageRollupBucket>
{
    public void Configure(EntityTypeBuilder<UsageRollupBucket> builder)
    {
        builder.ToTable("UsageRollupBuckets");
        builder.HasKey(r => new { r.Granularity, r.Start, r.TenantId, r.TeamId, r.KeyId, r.Model, r.DeploymentId, r.PriceVersion, r.Metric, r.Bucket });
        builder.Property(r => r.Model).HasMaxLength(UsageRecordLimits.Model);
        builder.Property(r => r.PriceVersion).HasMaxLength(UsageRecordLimits.PriceVersion);
        builder.HasIndex(r => new { r.TenantId, r.Granularity, r.Start });
    }
}
