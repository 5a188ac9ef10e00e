using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Features.Tenants;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.TenantSettings;

/// <summary>
/// A tenant's sign-in policy for its local accounts: the shortest password (from <see cref="MinimumPasswordLength"/> up to
/// <see cref="MaximumPasswordLength"/>) and whether two-factor (TOTP) is required. A tenant without a row has the defaults.
/// </summary>
public sealed class TenantSignInPolicy : ITenantOwned
{
    public const int MinimumPasswordLength = 12;
    public const int MaximumPasswordLength = 128;

    public Guid TenantId { get; set; }
    public int PasswordMinLength { get; set; } = MinimumPasswordLength;
    public bool RequireTotp { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public TenantSettingsDto ToDto() => new(PasswordMinLength, RequireTotp);

    /// <summary>The tenant's policy, or the defaults (not tracked) when it has none.</summary>
    public static async Task<TenantSignInPolicy> ForTenantAsync(ControlPlaneDbContext db, Guid tenantId, CancellationToken cancellationToken) =>
        await db.TenantSignInPolicies.AsNoTracking().IgnoreQueryFilters().FirstOrDefaultAsync(p => p.TenantId == tenantId, cancellationToken)
        ?? new TenantSignInPolicy { TenantId = tenantId };
}

internal sealed class TenantSignInPolicyConfiguration : IEntityTypeConfiguration<TenantSignInPolicy>
{
    public void Configure(EntityTypeBuilder<TenantSignInPolicy> builder)
    {
        builder.ToTable("TenantSignInPolicies");
        builder.HasKey(p => p.TenantId);
        builder.HasOne<Tenant>().WithOne().HasForeignKey<TenantSignInPolicy>(p => p.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
