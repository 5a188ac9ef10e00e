using Switchyard.ControlPlane.Features.Usage;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Chargeback;

internal static class ChargebackStatementDtos
{
    public static decimal Usd(long micros) => micros / 1_000_000m;

    public static ChargebackStatementSummaryDto ToDto(this ChargebackStatement s) =>
        new(s.Id, s.Number, s.PeriodStart, s.PeriodEnd, s.TimeZone, s.ClosedAt, s.Requests, s.CostMicros, Usd(s.CostMicros));

    public static ChargebackStatementLineDto ToDto(this ChargebackStatementLine l) => new(
        l.Id, l.Kind, l.PeriodStart, l.PeriodEnd, l.TeamId, l.TeamName, l.CostCenter, l.Model, l.PriceVersion, l.Requests, l.InputTokens, l.OutputTokens,
        l.CachedInputTokens, l.CacheWriteTokens, l.ReasoningTokens, l.CostMicros, Usd(l.CostMicros), l.InputCostMicros, l.CachedInputCostMicros,
        l.CacheWriteCostMicros, l.OutputCostMicros, l.ReasoningCostMicros, l.UnattributedMicros());
}
