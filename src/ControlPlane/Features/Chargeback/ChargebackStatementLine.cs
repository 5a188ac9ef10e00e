using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Features.Teams;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>
/// One line of a <see cref="ChargebackStatement"/>: a team's (and its cost centre's) usage of one public model at one
/// price version over [<see cref="PeriodStart"/>, <see cref="PeriodEnd"/>), with each token kind and the cost.
/// <see cref="Kind"/> is <c>usage</c> (the statement's own month) or <c>adjustment</c> (usage of an earlier, already
/// closed month that arrived after it closed: the period is that month's, the figures the difference) or <c>shared</c>
/// (the team's part of the tenant's fixed monthly shared cost, <see cref="ChargebackSettings"/>; its label as the model, no tokens,
/// its whole cost unattributed to a token kind). The cost is split per token kind; the parts plus the unattributed rest add
/// up to the cost exactly.
/// </summary>
public sealed class ChargebackStatementLine : ITokenKindCosts
{
    public const string Usage = "usage";
    public const string Adjustment = "adjustment";
    public const string Shared = "shared";

    public Guid Id { get; set; }
    public Guid StatementId { get; set; }
    public Guid TenantId { get; set; }
    public string Kind { get; set; } = Usage;
    public DateTimeOffset PeriodStart { get; set; }
    public DateTimeOffset PeriodEnd { get; set; }
    public Guid TeamId { get; set; }

    /// <summary>The team's name and cost centre when the statement closed ("" for usage without a team or a cost centre).</summary>
    public string TeamName { get; set; } = "";
    public string CostCenter { get; set; } = "";
    public string Model { get; set; } = "";

    /// <summary>The price version the usage was costed at ("" when the records carried none).</summary>
    public string PriceVersion { get; set; } = "";
    public long Requests { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    public long CachedInputTokens { get; set; }
    public long CacheWriteTokens { get; set; }
    public long ReasoningTokens { get; set; }
    public long CostMicros { get; set; }

    /// <summary>The cost per token kind (<see cref="ITokenKindCosts"/>); what they leave of <see cref="CostMicros"/> is unattributed.</summary>
    public long InputCostMicros { get; set; }
    public long CachedInputCostMicros { get; set; }
    public long CacheWriteCostMicros { get; set; }
    public long OutputCostMicros { get; set; }
    public long ReasoningCostMicros { get; set; }
}

internal sealed class ChargebackStatementLineConfiguration : IEntityTypeConfiguration<ChargebackStatementLine>
{
    public void Configure(EntityTypeBuilder<ChargebackStatementLine> builder)
    {
        builder.ToTable("ChargebackStatementLines");
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Kind).HasMaxLength(16);
        builder.Property(l => l.TeamName).HasMaxLength(Team.NameMaxLength);
        builder.Property(l => l.CostCenter).HasMaxLength(CostCenterField.MaxLength);
        builder.Property(l => l.Model).HasMaxLength(UsageRecordLimits.Model);
        builder.Property(l => l.PriceVersion).HasMaxLength(UsageRecordLimits.PriceVersion);
        builder.HasIndex(l => new { l.StatementId });
        builder.HasIndex(l => new { l.TenantId, l.PeriodStart });
        builder.HasOne<ChargebackStatement>().WithMany().HasForeignKey(l => l.StatementId).OnDelete(DeleteBehavior.Cascade);
    }
}
