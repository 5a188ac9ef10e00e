using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Features.Tenants;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>
/// A closed monthly chargeback statement of a tenant: the month [<see cref="PeriodStart"/>, <see cref="PeriodEnd"/>) in
/// the tenant's time zone, numbered 1, 2, … per tenant. Written once by <see cref="CloseStatementsJob"/> with its lines and
/// never changed: usage that arrives later for its month becomes an adjustment line on the next statement.
/// </summary>
public sealed class ChargebackStatement : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public int Number { get; set; }
    public DateTimeOffset PeriodStart { get; set; }
    public DateTimeOffset PeriodEnd { get; set; }

    /// <summary>The tenant's time zone when the statement was closed ("UTC" when it had none).</summary>
    public string TimeZone { get; set; } = "";
    public DateTimeOffset ClosedAt { get; set; }
    public long Requests { get; set; }
    public long CostMicros { get; set; }
}

internal sealed class ChargebackStatementConfiguration : IEntityTypeConfiguration<ChargebackStatement>
{
    public void Configure(EntityTypeBuilder<ChargebackStatement> builder)
    {
        builder.ToTable("ChargebackStatements");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.TimeZone).HasMaxLength(64);
        builder.HasIndex(s => new { s.TenantId, s.Number }).IsUnique();
        builder.HasIndex(s => new { s.TenantId, s.PeriodStart }).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
