using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Switchyard.ControlPlane.Features.Rollups;

/// <summary>
/// A usage record stored before rollups existed and not yet added to them. The migration that created the rollups listed
/// every record stored until then; <see cref="RollupBackfillJob"/> claims these in chunks (deleting them in the transaction
/// that adds the records to the rollups), so each is counted once even with two job runs at the same time. Records
/// ingested after the migration are counted by <see cref="UsageRollupStep"/> and never listed here.
/// </summary>
public sealed class RollupBackfillItem
{
    public Guid Id { get; set; }
}

internal sealed class RollupBackfillItemConfiguration : IEntityTypeConfiguration<RollupBackfillItem>
{
    public void Configure(EntityTypeBuilder<RollupBackfillItem> builder)
    {
        builder.ToTable("RollupBackfill");
        builder.Property(b => b.Id).ValueGeneratedNever();
    }
}
