using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Features.Tenants;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// An email domain (lower case) that one tenant's single sign-on claims. The domain is the key: no two tenants can claim
/// the same domain, so the sign-in page's lookup by email domain has one answer. Deliberately not tenant-filtered: a
/// tenant's claim must be checked against every other tenant's.
/// </summary>
public sealed class SsoDomain
{
    public string Domain { get; set; } = "";
    public Guid TenantId { get; set; }
}

internal sealed class SsoDomainConfiguration : IEntityTypeConfiguration<SsoDomain>
{
    public void Configure(EntityTypeBuilder<SsoDomain> builder)
    {
        builder.ToTable("SsoDomains");
        builder.HasKey(d => d.Domain);
        builder.Property(d => d.Domain).HasMaxLength(SsoDefaults.MaxDomainLength);
        builder.HasIndex(d => d.TenantId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
