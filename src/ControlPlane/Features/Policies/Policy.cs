using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Features.Tenants;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Governance;

namespace Switchyard.ControlPlane.Features.Policies;

/// <summary>A tenant's named policy: DLP rules, guardrails and use-case model rules, enforced by the nodes from the snapshot.</summary>
public sealed class Policy : IConfigEntity, ITenantOwned
{
    public const int DescriptionMaxLength = 1000;

    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>JSON text column.</summary>
    public List<DlpRule>? Dlp { get; set; }

    /// <summary>JSON text column.</summary>
    public List<GuardrailRule>? Guardrails { get; set; }

    /// <summary>Use case → public models (JSON text column); null: no model rules.</summary>
    public Dictionary<string, List<string>>? UseCases { get; set; }

    public int? StreamHoldBack { get; set; }

    /// <summary>Regions requests may be served in (JSON text column); null: any.</summary>
    public List<string>? Regions { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public PolicyDto ToDto() => new(Id, TenantId, Name, Description, Dlp ?? [], Guardrails ?? [], ReadOnlyUseCases(), StreamHoldBack, CreatedAt, UpdatedAt, Regions);

    public PolicySnapshot ToSnapshot() => new(Id, TenantId, Name, Dlp ?? [], Guardrails ?? [], ReadOnlyUseCases(), StreamHoldBack, Regions);

    private SortedDictionary<string, IReadOnlyList<string>>? ReadOnlyUseCases() => UseCases is null
        ? null
        : new SortedDictionary<string, IReadOnlyList<string>>(UseCases.ToDictionary(u => u.Key, u => (IReadOnlyList<string>)u.Value), StringComparer.Ordinal);
}

internal sealed class PolicyConfiguration : IEntityTypeConfiguration<Policy>
{
    public void Configure(EntityTypeBuilder<Policy> builder)
    {
        builder.ToTable("Policies");
        builder.Property(p => p.Name).HasMaxLength(Switchyard.Governance.Policies.PolicyValidator.NameMaxLength);
        builder.Property(p => p.Description).HasMaxLength(Policy.DescriptionMaxLength);
        builder.Property(p => p.Dlp).HasJsonTextListConversion();
        builder.Property(p => p.Guardrails).HasJsonTextListConversion();
        builder.Property(p => p.UseCases).HasJsonTextConversion();
        builder.Property(p => p.Regions).HasJsonTextListConversion();
        builder.HasIndex(p => new { p.TenantId, p.Name }).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
