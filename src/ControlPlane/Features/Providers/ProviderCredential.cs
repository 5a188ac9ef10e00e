using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Features.Tenants;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Providers;

/// <summary>A provider secret (API key), encrypted at rest with ASP.NET Core Data Protection.</summary>
public sealed class ProviderCredential : IConfigEntity, ITenantOwned
{
    public const int NameMaxLength = 200;

    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public string Name { get; set; } = "";
    public string ProviderKind { get; set; } = "";

    /// <summary>The secret protected with <see cref="CredentialProtector"/>; never leaves the control plane in clear.</summary>
    public string ProtectedSecret { get; set; } = "";

    /// <summary>The last characters of the secret, for recognising it in the portal.</summary>
    public string SecretHint { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    public CredentialDto ToDto() => new(Id, TenantId, Name, ProviderKind, SecretHint, CreatedAt);
}

internal sealed class ProviderCredentialConfiguration : IEntityTypeConfiguration<ProviderCredential>
{
    public void Configure(EntityTypeBuilder<ProviderCredential> builder)
    {
        builder.ToTable("ProviderCredentials");
        builder.Property(c => c.Name).HasMaxLength(ProviderCredential.NameMaxLength);
        builder.Property(c => c.ProviderKind).HasMaxLength(32);
        builder.Property(c => c.SecretHint).HasMaxLength(16);
        builder.HasIndex(c => new { c.TenantId, c.Name }).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
