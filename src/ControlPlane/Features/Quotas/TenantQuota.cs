using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Features.Tenants;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Quotas;

/// <summary>
/// A tenant's quota overrides, set by a platform admin: one row per tenant that has any, null meaning the configured default.
/// Not part of the config snapshot, so changing a quota bumps no revision.
/// </summary>
public sealed class TenantQuota
{
    public Guid TenantId { get; set; }
    public int? Keys { get; set; }
    public int? Routes { get; set; }
    public int? DeploymentsPerRoute { get; set; }
    public int? AllowedModelsPerKey { get; set; }
    public int? Credentials { get; set; }
    public int? Teams { get; set; }
    public int? Members { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Who last changed them: a member id or an admin key id, as text.</summary>
    public string UpdatedBy { get; set; } = "";

    public TenantQuotaOverrides ToOverrides() => new(Keys, Routes, DeploymentsPerRoute, AllowedModelsPerKey, Credentials, Teams, Members);

    public void Set(TenantQuotaOverrides overrides)
    {
        Keys = overrides.Keys;
        Routes = overrides.Routes;
        DeploymentsPerRoute = overrides.DeploymentsPerRoute;
        AllowedModelsPerKey = overrides.AllowedModelsPerKey;
        Credentials = overrides.Credentials;
        Teams = overrides.Teams;
        Members = overrides.Members;
    }

    /// <summary>The effective limits: each override, else the default.</summary>
    public static TenantQuotaLimits Apply(TenantQuotaLimits defaults, TenantQuotaOverrides? overrides) => overrides is null
        ? defaults
        : new TenantQuotaLimits(
            overrides.Keys ?? defaults.Keys,
            overrides.Routes ?? defaults.Routes,
            overrides.DeploymentsPerRoute ?? defaults.DeploymentsPerRoute,
            overrides.AllowedModelsPerKey ?? defaults.AllowedModelsPerKey,
            overrides.Credentials ?? defaults.Credentials,
            overrides.Teams ?? defaults.Teams,
            overrides.Members ?? defaults.Members);
}

internal sealed class TenantQuotaConfiguration : IEntityTypeConfiguration<TenantQuota>
{
    public void Configure(EntityTypeBuilder<TenantQuota> builder)
    {
        builder.ToTable("TenantQuotas");
        builder.HasKey(q => q.TenantId);
        builder.Property(q => q.UpdatedBy).HasMaxLength(100);
        builder.HasOne<Tenant>().WithOne().HasForeignKey<TenantQuota>(q => q.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
