using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.AdminKeys;

/// <summary>A key for scripts calling the admin API (<c>Authorization: Bearer sk-sya-…</c>), stored as a hash.</summary>
public sealed class AdminApiKey
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Hash { get; set; } = "";
    public string Prefix { get; set; } = "";

    /// <summary>Null for a platform key.</summary>
    public Guid? TenantId { get; set; }
    public MemberRole Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class AdminApiKeyConfiguration : IEntityTypeConfiguration<AdminApiKey>
{
    public void Configure(EntityTypeBuilder<AdminApiKey> builder)
    {
        builder.ToTable("AdminApiKeys");
        builder.Property(k => k.Name).HasMaxLength(200);
        builder.Property(k => k.Hash).HasMaxLength(64);
        builder.Property(k => k.Prefix).HasMaxLength(32);
        builder.Property(k => k.Role).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(k => k.Hash).IsUnique();
    }
}
