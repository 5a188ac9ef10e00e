using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Tenants;

public sealed class Tenant : IConfigEntity
{
    public const int NameMaxLength = 200;

    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The tenant's rate limits (all its keys together); null for none.</summary>
    public RateLimits? Limits { get; set; }

    /// <summary>The policy every request of the tenant is held to; null for none.</summary>
    public Guid? DefaultPolicyId { get; set; }

    /// <summary>The tenant's budget (all its keys together); null for none.</summary>
    public Budget? Budget { get; set; }

    /// <summary>The IANA time zone budget periods start in; null for UTC.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The tenant's audit settings (JSON text column); null for the defaults (metadata).</summary>
    public AuditSettings? Audit { get; set; }

    public TenantDto ToDto() => new(Id, Name, Active, CreatedAt, Limits, DefaultPolicyId, Budget, TimeZone, Audit);
}

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("Tenants");
        builder.Property(t => t.Name).HasMaxLength(Tenant.NameMaxLength);
        builder.Property(t => t.Limits).HasJsonTextConversion();
        builder.Property(t => t.Budget).HasJsonTextConversion();
        builder.Property(t => t.TimeZone).HasMaxLength(64);
        builder.Property(t => t.Audit).HasJsonTextConversion();
        builder.HasIndex(t => t.Name).IsUnique();
    }
}
