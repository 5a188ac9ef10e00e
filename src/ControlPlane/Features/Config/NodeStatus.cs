using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Switchyard.ControlPlane.Features.Config;

/// <summary>The last config revision a data-plane node reported applying.</summary>
public sealed class NodeStatus
{
    public string NodeId { get; set; } = "";
    public long Revision { get; set; }
    public bool Succeeded { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset LastSeen { get; set; }
}

internal sealed class NodeStatusConfiguration : IEntityTypeConfiguration<NodeStatus>
{
    public void Configure(EntityTypeBuilder<NodeStatus> builder)
    {
        builder.ToTable("NodeStatuses");
        builder.HasKey(n => n.NodeId);
        builder.Property(n => n.NodeId).HasMaxLength(200);
        builder.Property(n => n.Error).HasMaxLength(2000);
    }
}
