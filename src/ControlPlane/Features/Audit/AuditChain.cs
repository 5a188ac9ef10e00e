using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// The head of one hash chain: a tenant's requests served by one node (<see cref="AuditChainKinds.Requests"/>), or a
/// tenant's admin actions (<see cref="AuditChainKinds.Admin"/>, node ""). Appending reads and moves the head under the
/// chain's lock (<see cref="AuditChains"/>), so two writers never fork a chain. The anchor is where the chain starts
/// after the retention purge removed its oldest entries: the first kept entry must link to it.
/// </summary>
public sealed class AuditChain
{
    public Guid TenantId { get; set; }
    public string Kind { get; set; } = "";
    public string NodeId { get; set; } = "";
    public long LastSequence { get; set; }
    public string LastHash { get; set; } = AuditHashing.Genesis;
    public long AnchorSequence { get; set; }
    public string AnchorHash { get; set; } = AuditHashing.Genesis;
}

public static class AuditChainKinds
{
    public const string Requests = "requests";
    public const string Admin = "admin";
}

internal sealed class AuditChainConfiguration : IEntityTypeConfiguration<AuditChain>
{
    public void Configure(EntityTypeBuilder<AuditChain> builder)
    {
        builder.ToTable("AuditChains");
        builder.HasKey(c => new { c.TenantId, c.Kind, c.NodeId });
        builder.Property(c => c.Kind).HasMaxLength(16);
        builder.Property(c => c.NodeId).HasMaxLength(200);
        builder.Property(c => c.LastHash).HasMaxLength(64);
        builder.Property(c => c.AnchorHash).HasMaxLength(64);
    }
}
