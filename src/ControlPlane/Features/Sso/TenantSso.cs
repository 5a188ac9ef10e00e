using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Features.Tenants;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// A tenant's OpenID Connect single sign-on (at most one per tenant). The client secret is kept sealed with the control
/// plane's Data Protection key ring (<see cref="SsoSecretProtector"/>) and never leaves the control plane except towards
/// the identity provider's token endpoint. Its allowed email domains are claimed platform-wide in <see cref="SsoDomain"/>.
/// </summary>
public sealed class TenantSso : ITenantOwned
{
    public Guid TenantId { get; set; }
    public string Issuer { get; set; } = "";
    public string ClientId { get; set; } = "";

    /// <summary>The sealed client secret (the audit log leaves "Secret"/"Protected" properties out).</summary>
    public string ClientSecretProtected { get; set; } = "";

    public List<string> AllowedDomains { get; set; } = [];
    public List<string> Scopes { get; set; } = [];
    public string GroupsClaim { get; set; } = SsoDefaults.GroupsClaim;
    public MemberRole DefaultRole { get; set; } = MemberRole.Developer;
    public List<SsoMappingDto>? Mappings { get; set; }
    public bool SsoOnly { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public SsoConfigDto ToDto(string redirectUri) => new(
        TenantId, Issuer, ClientId, ClientSecretProtected.Length > 0, AllowedDomains, Scopes, GroupsClaim, DefaultRole,
        Mappings ?? [], SsoOnly, redirectUri, UpdatedAt);
}

internal sealed class TenantSsoConfiguration : IEntityTypeConfiguration<TenantSso>
{
    public void Configure(EntityTypeBuilder<TenantSso> builder)
    {
        builder.ToTable("TenantSso");
        builder.HasKey(s => s.TenantId);
        builder.Property(s => s.Issuer).HasMaxLength(SsoDefaults.MaxUrlLength);
        builder.Property(s => s.ClientId).HasMaxLength(256);
        builder.Property(s => s.ClientSecretProtected).HasColumnType("text");
        builder.Property(s => s.AllowedDomains).HasJsonStringList();
        builder.Property(s => s.Scopes).HasJsonStringList();
        builder.Property(s => s.GroupsClaim).HasMaxLength(128);
        builder.Property(s => s.DefaultRole).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.Mappings).HasJsonTextListConversion();
        builder.HasOne<Tenant>().WithOne().HasForeignKey<TenantSso>(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
