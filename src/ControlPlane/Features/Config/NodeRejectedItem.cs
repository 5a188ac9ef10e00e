using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Switchyard.ControlPlane.Features.Config;

/// <summary>One item of one tenant (route, deployment, credential, key) that a node reported leaving out of its snapshot.</summary>
public sealed class NodeRejectedItem
{
    public const int KindMaxLength = 32;
    public const int ReasonMaxLength = 1000;

    public string NodeId { get; set; } = "";
    public string Kind { get; set; } = "";
    public Guid ItemId { get; set; }
    public Guid TenantId { get; set; }
    public string Reason { get; set; } = "";
}

internal sealed class NodeRejectedItemConfiguration : IEntityTypeConfiguration<NodeRejectedItem>
{
    public void Configure(EntityTypeBuilder<NodeRejectedItem> builder)
    {
        builder.ToTable("NodeRejectedItems");
        builder.HasKey(r => new { r.NodeId, r.Kind, r.ItemId });
        builder.Property(r => r.NodeId).HasMaxLength(200);
        builder.Property(r => r.Kind).HasMaxLength(NodeRejectedItem.KindMaxLength);
        builder.Property(r => r.Reason).HasMaxLength(NodeRejectedItem.ReasonMaxLength);
        builder.HasIndex(r => r.TenantId);
    }
}
