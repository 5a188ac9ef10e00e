using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Switchyard.ControlPlane.Features.Config;

/// <summary>The last config revision a data-plane node reported applying, and the items it left out of it.</summary>
public sealed class NodeStatus
{
    public const int ErrorMaxLength = 2000;

    public string NodeId { get; set; } = "";
    public long Revision { get; set; }
    public bool Succeeded { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset LastSeen { get; set; }

    /// <summary>When the node last sent a <c>NodeStatusReported</c> (the fields below); null before its first.</summary>
    public DateTimeOffset? StatusReportedAt { get; set; }
    public DateTimeOffset? SnapshotConfirmedAt { get; set; }
    public int? SpoolSegments { get; set; }
    public double? SpoolAgeSeconds { get; set; }
    public bool? Ready { get; set; }
    public int? InFlight { get; set; }

    /// <summary>Replaced by each report; removed with the node.</summary>
    public List<NodeRejectedItem> Rejected { get; set; } = [];
}

internal sealed class NodeStatusConfiguration : IEntityTypeConfiguration<NodeStatus>
{
    public void Configure(EntityTypeBuilder<NodeStatus> builder)
    {
        builder.ToTable("NodeStatuses");
        builder.HasKey(n => n.NodeId);
        builder.Property(n => n.NodeId).HasMaxLength(200);
        builder.Property(n => n.Error).HasMaxLength(NodeStatus.ErrorMaxLength);
        builder.HasMany(n => n.Rejected).WithOne().HasForeignKey(r => r.NodeId).OnDelete(DeleteBehavior.Cascade);
    }
}
