using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Features.Tenants;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Teams;

public sealed class Team : IConfigEntity, ITenantOwned
{
    public const int NameMaxLength = 200;

    /// <summary>Room for a name folded to upper case and, for teams that clashed before names were compared this way, the team's id (see the migration <c>TeamNormalizedNames</c>).</summary>
    public const int NormalizedNameMaxLength = NameMaxLength + 40;

    private string _name = "";

    public Guid Id { get; set; }
    public Guid TenantId { get; set; }

    public string Name
    {
        get => _name;
        set
        {
            _name = value;
            NormalizedName = TeamNames.Normalize(value);
        }
    }

    /// <summary>
    /// The name as teams are compared (<see cref="TeamNames.Normalize"/>), set with it. The tenant's unique index is on this
    /// column, so two teams whose names differ only in case are never both saved, however close together they are created.
    /// </summary>
    public string NormalizedName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The team's rate limits (all its keys together); null for none.</summary>
    public RateLimits? Limits { get; set; }

    /// <summary>Policies the team's keys are held to (JSON text column); null for none.</summary>
    public List<Guid>? PolicyIds { get; set; }

    /// <summary>The team's budget (all its keys together); null for none.</summary>
    public Budget? Budget { get; set; }

    /// <summary>The cost centre its usage is charged to on chargeback statements; null for none.</summary>
    public string? CostCenter { get; set; }

    /// <summary>The identity provider's id for the group this team stands for (SCIM <c>externalId</c>); null when not provisioned.</summary>
    public string? ExternalId { get; set; }

    public TeamDto ToDto() => new(Id, TenantId, Name, CreatedAt, Limits, PolicyIds, Budget, CostCenter);
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.ToTable("Teams");
        builder.Property(t => t.Name).HasMaxLength(Team.NameMaxLength);
        builder.Property(t => t.Limits).HasJsonTextConversion();
        builder.Property(t => t.PolicyIds).HasJsonTextListConversion();
        builder.Property(t => t.Budget).HasJsonTextConversion();
        builder.Property(t => t.CostCenter).HasMaxLength(CostCenterField.MaxLength);
        builder.Property(t => t.NormalizedName).HasMaxLength(Team.NormalizedNameMaxLength);
        builder.HasIndex(t => new { t.TenantId, t.NormalizedName }).IsUnique();
        builder.Property(t => t.ExternalId).HasMaxLength(256);
        builder.HasIndex(t => new { t.TenantId, t.ExternalId }).IsUnique().HasFilter("\"ExternalId\" IS NOT NULL");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
