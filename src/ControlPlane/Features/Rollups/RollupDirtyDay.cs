using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Switchyard.ControlPlane.Features.Rollups;

/// <summary>
/// A tenant's UTC day whose hourly rollups changed since its daily rollups were last summed. Every ingest that touches the
/// day bumps <see cref="Version"/>; <see cref="DailyRollupJob"/> deletes the row only if the version is still the one it
/// read before summing, so a change committed while it summed leaves the day marked for the next run.
/// </summary>
public sealed class RollupDirtyDay
{
    public Guid TenantId { get; set; }
    public DateTimeOffset Day { get; set; }
    public long Version { get; set; }
}

internal sealed class RollupDirtyDayConfiguration : IEntityTypeConfiguration<RollupDirtyDay>
{
    public void Configure(EntityTypeBuilder<RollupDirtyDay> builder)
    {
        builder.ToTable("RollupDirtyDays");
        builder.HasKey(d => new { d.TenantId, d.Day });
    }
}
