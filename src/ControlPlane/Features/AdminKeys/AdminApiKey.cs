using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Keys;

namespace Switchyard.ControlPlane.Features.AdminKeys;

/// <summary>A key for scripts calling the admin API (<c>Authorization: Bearer sk-sya-…</c>), stored as a hash.</summary>
public sealed class AdminApiKey
{
    public const int NameMaxLength = 200;

    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Hash { get; set; } = "";
    public string Prefix { get; set; } = "";

    /// <summary>Null for a platform key.</summary>
    public Guid? TenantId { get; set; }
    public MemberRole Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>A new key row for <paramref name="secret"/>, which is kept only as its hash and display prefix.</summary>
    public static AdminApiKey Create(string secret, string name, Guid? tenantId, MemberRole role, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = name,
        Hash = VirtualKeyHash.Compute(secret),
        Prefix = VirtualKeyHash.DisplayPrefix(secret),
        TenantId = tenantId,
        Role = role,
        CreatedAt = now,
    };

    public AdminKeyDto ToDto() => new(Id, TenantId, Name, Prefix, Role, CreatedAt, RevokedAt);
}

internal sealed class AdminApiKeyConfiguration : IEntityTypeConfiguration<AdminApiKey>
{
    public void Configure(EntityTypeBuilder<AdminApiKey> builder)
    {
        builder.ToTable("AdminApiKeys");
        builder.Property(k => k.Name).HasMaxLength(AdminApiKey.NameMaxLength);
        builder.Property(k => k.Hash).HasMaxLength(64);
        builder.Property(k => k.Prefix).HasMaxLength(32);
        builder.Property(k => k.Role).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(k => k.Hash).IsUnique();
    }
}
