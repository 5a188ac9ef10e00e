using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>
/// The platform's failed-payment rule as platform admins set it through the admin API (one row, <see cref="SingletonId"/>):
/// what a failed payment does and the grace days before suspension. Without a row the configuration's
/// <c>Billing:Stripe:FailedPaymentAction</c> and <c>GraceDays</c> apply.
/// </summary>
public sealed class FailedPaymentRule
{
    public const int SingletonId = 1;
    public const int MaxGraceDays = 90;

    public int Id { get; set; } = SingletonId;
    public FailedPaymentAction Action { get; set; }
    public int GraceDays { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The rule in force: the stored one, else the configuration's.</summary>
    public static async Task<FailedPaymentRule> CurrentAsync(ControlPlaneDbContext db, StripeBillingOptions options, CancellationToken cancellationToken) =>
        await db.Set<FailedPaymentRule>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == SingletonId, cancellationToken)
        ?? new FailedPaymentRule { Action = options.FailedPaymentAction, GraceDays = options.GraceDays };

    public FailedPaymentRuleDto ToDto() =>
        new(Action == FailedPaymentAction.Suspend ? FailedPaymentRuleDto.Suspend : FailedPaymentRuleDto.None, GraceDays, UpdatedAt == default ? null : UpdatedAt);
}

internal sealed class FailedPaymentRuleConfiguration : IEntityTypeConfiguration<FailedPaymentRule>
{
    public void Configure(EntityTypeBuilder<FailedPaymentRule> builder)
    {
        builder.ToTable("FailedPaymentRules");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
    }
}
