using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Features.Tenants;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Keys;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// A bearer token an identity provider uses to provision one tenant over SCIM (<c>Authorization: Bearer sy-scim-…</c>),
/// stored as a hash. It authenticates only the <c>/scim/v2</c> endpoints, and only for its tenant.
/// </summary>
public sealed class ScimToken : ITenantOwned
{
    public const int NameMaxLength = 200;

    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public string Name { get; set; } = "";
    public string Hash { get; set; } = "";
    public string Prefix { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>When the identity provider last called with it (updated at most every few minutes).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>A new token row for <paramref name="secret"/>, which is kept only as its hash and display prefix.</summary>
    public static ScimToken Create(string secret, string name, Guid tenantId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        TenantId = tenantId,
        Name = name,
        Hash = VirtualKeyHash.Compute(secret),
        Prefix = VirtualKeyHash.DisplayPrefix(secret),
        CreatedAt = now,
    };

    public ScimTokenDto ToDto() => new(Id, TenantId, Name, Prefix, CreatedAt, RevokedAt, LastUsedAt);
}

internal sealed class ScimTokenConfiguration : IEntityTypeConfiguration<ScimToken>
{
    public void Configure(EntityTypeBuilder<ScimToken> builder)
    {
        builder.ToTable("ScimTokens");
        builder.Property(t => t.Name).HasMaxLength(ScimToken.NameMaxLength);
        builder.Property(t => t.Hash).HasMaxLength(64);
        builder.Property(t => t.Prefix).HasMaxLength(32);
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasIndex(t => t.TenantId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
