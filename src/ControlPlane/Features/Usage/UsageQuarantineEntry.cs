using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>
/// A usage record that could not be stored, kept whole (as JSON) with the reason so that it can be replayed. The id is
/// the record's id: quarantining the same record again (a redelivered batch) changes nothing.
/// </summary>
public sealed class UsageQuarantineEntry
{
    public Guid Id { get; set; }
    public Guid BatchId { get; set; }
    public string NodeId { get; set; } = "";
    public Guid TenantId { get; set; }
    public string Reason { get; set; } = "";

    /// <summary>The record as received (JSON).</summary>
    public string Record { get; set; } = "";

    public DateTimeOffset QuarantinedAt { get; set; }

    /// <summary>When a replay stored the record (or found it stored); null while it waits.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }
}

internal sealed class UsageQuarantineEntryConfiguration : IEntityTypeConfiguration<UsageQuarantineEntry>
{
    public void Configure(EntityTypeBuilder<UsageQuarantineEntry> builder)
    {
        builder.ToTable("UsageQuarantine");
        builder.Property(q => q.Id).ValueGeneratedNever();
        builder.Property(q => q.NodeId).HasMaxLength(200);
        builder.Property(q => q.Reason).HasMaxLength(2000);
        builder.HasIndex(q => q.QuarantinedAt);
    }
}
