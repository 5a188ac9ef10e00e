using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Switchyard.ControlPlane.Features.Config;

/// <summary>One config revision. The primary key makes two concurrent bumps to the same number collide.</summary>
public sealed class ConfigRevision
{
    public long Revision { get; set; }

    /// <summary>The published snapshot's hash; empty until the snapshot for this revision is built.</summary>
    public string Hash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ConfigRevisionConfiguration : IEntityTypeConfiguration<ConfigRevision>
{
    public void Configure(EntityTypeBuilder<ConfigRevision> builder)
    {
        builder.ToTable("ConfigRevisions");
        builder.HasKey(r => r.Revision);
        builder.Property(r => r.Revision).ValueGeneratedNever();
        builder.Property(r => r.Hash).HasMaxLength(64);
    }
}
