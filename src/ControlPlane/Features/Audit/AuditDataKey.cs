using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// A tenant's audit data key: 256 random bits that encrypt its audit bodies, stored wrapped by the control plane's Data
/// Protection key ring. Deleting it (DELETE /api/tenants/{tenantId}/audit/key) makes every body encrypted under it unreadable.
/// </summary>
public sealed class AuditDataKey
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public string WrappedKey { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class AuditDataKeyConfiguration : IEntityTypeConfiguration<AuditDataKey>
{
    public void Configure(EntityTypeBuilder<AuditDataKey> builder)
    {
        builder.ToTable("AuditDataKeys");
        builder.HasKey(k => k.TenantId);
        builder.Property(k => k.WrappedKey).HasColumnType("text");
    }
}
