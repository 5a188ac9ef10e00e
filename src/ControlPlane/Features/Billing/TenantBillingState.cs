using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>
/// A tenant that is not in good standing after a failed payment (no row: good standing). A config entity: a change bumps
/// the revision, so the nodes learn it with the next snapshot (<see cref="TenantSnapshot.Billing"/>).
/// </summary>
public sealed class TenantBillingState : IConfigEntity, ITenantOwned
{
    public Guid TenantId { get; set; }
    public TenantBillingStatus Status { get; set; }
    public DateTimeOffset Since { get; set; }

    /// <summary>When a grace period turns into suspension.</summary>
    public DateTimeOffset? GraceEndsAt { get; set; }
}

internal sealed class TenantBillingStateConfiguration : IEntityTypeConfiguration<TenantBillingState>
{
    public void Configure(EntityTypeBuilder<TenantBillingState> builder)
    {
        builder.ToTable("TenantBillingStates");
        builder.HasKey(s => s.TenantId);
    }
}
