using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>
/// What one budget level (a key, team or tenant) spent in one period according to the ledger: updated by
/// <see cref="BudgetSpendStep"/> in the transaction that stores the usage records (each record counted once), corrected
/// from the records by <see cref="BudgetReconciliationJob"/>.
/// </summary>
public sealed class BudgetSpend : ITenantOwned
{
    /// <summary><c>key</c>, <c>team</c> or <c>tenant</c>.</summary>
    public string Scope { get; set; } = "";
    public Guid OwnerId { get; set; }

    /// <summary>The period's key (<c>BudgetPeriods</c>: <c>m2026-12</c>, <c>total</c>…).</summary>
    public string PeriodKey { get; set; } = "";
    public Guid TenantId { get; set; }
    public long SpentMicros { get; set; }
}

internal sealed class BudgetSpendConfiguration : IEntityTypeConfiguration<BudgetSpend>
{
    public void Configure(EntityTypeBuilder<BudgetSpend> builder)
    {
        builder.ToTable("BudgetSpend");
        builder.HasKey(s => new { s.Scope, s.OwnerId, s.PeriodKey });
        builder.Property(s => s.Scope).HasMaxLength(8);
        builder.Property(s => s.PeriodKey).HasMaxLength(16);
        builder.HasIndex(s => s.TenantId);
    }
}
