using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>
/// A budget level's spend crossed one of its thresholds (<c>alertAtPercent</c>) in a period: recorded once per threshold
/// and period (unique), and delivered to the tenant's webhook when one is configured (<see cref="BudgetWebhookJob"/>).
/// </summary>
public sealed class BudgetAlert : ITenantOwned
{
    public const int MaxWebhookStatus = 200;

    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public string Scope { get; set; } = "";
    public Guid OwnerId { get; set; }
    public string PeriodKey { get; set; } = "";
    public int ThresholdPercent { get; set; }
    public long SpentMicros { get; set; }
    public long AmountMicros { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The webhook delivery: null (no webhook), <c>pending</c>, <c>delivered</c>, or why it failed.</summary>
    public string? WebhookStatus { get; set; }

    public int WebhookAttempts { get; set; }

    public BudgetAlertDto ToDto() => new(
        Id, Scope, OwnerId, PeriodKey, ThresholdPercent, SpentMicros / 1_000_000m, AmountMicros / 1_000_000m, CreatedAt, WebhookStatus);
}

internal sealed class BudgetAlertConfiguration : IEntityTypeConfiguration<BudgetAlert>
{
    public void Configure(EntityTypeBuilder<BudgetAlert> builder)
    {
        builder.ToTable("BudgetAlerts");
        builder.Property(a => a.Scope).HasMaxLength(8);
        builder.Property(a => a.PeriodKey).HasMaxLength(16);
        builder.Property(a => a.WebhookStatus).HasMaxLength(BudgetAlert.MaxWebhookStatus);
        builder.HasIndex(a => new { a.Scope, a.OwnerId, a.PeriodKey, a.ThresholdPercent }).IsUnique();
        builder.HasIndex(a => new { a.TenantId, a.CreatedAt });
        builder.HasIndex(a => a.WebhookStatus);
    }
}
