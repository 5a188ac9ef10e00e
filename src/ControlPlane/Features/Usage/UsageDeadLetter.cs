using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>
/// A usage batch whose ingestion failed as a whole after every retry (the database refused it for a reason no single
/// record explains), kept whole (as JSON) with the reason until a platform admin replays it. The id is the batch id.
/// </summary>
public sealed class UsageDeadLetter
{
    public Guid Id { get; set; }
    public string NodeId { get; set; } = "";
    public int RecordCount { get; set; }

    /// <summary>The <c>UsageBatchReported</c> message as received (JSON).</summary>
    public string Batch { get; set; } = "";

    public string Reason { get; set; } = "";
    public DateTimeOffset FailedAt { get; set; }

    /// <summary>How often the batch was dead-lettered (a redelivery can fail again).</summary>
    public int Failures { get; set; }

    public DateTimeOffset? ReplayedAt { get; set; }
}

internal sealed class UsageDeadLetterConfiguration : IEntityTypeConfiguration<UsageDeadLetter>
{
    public void Configure(EntityTypeBuilder<UsageDeadLetter> builder)
    {
        builder.ToTable("UsageDeadLetters");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.NodeId).HasMaxLength(200);
        builder.Property(d => d.Reason).HasMaxLength(2000);
        builder.HasIndex(d => d.FailedAt);
    }
}
