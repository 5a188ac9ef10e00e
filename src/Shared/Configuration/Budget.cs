using System.Text.Json.Serialization;

namespace Switchyard.Shared.Configuration;

/// <summary>
/// A spending cap of a key, a team or a tenant (each optional; a request must fit every level). Enforced by the nodes with
/// reserve-then-settle (see <c>README.md</c>, Budgets): the request's worst-case cost is reserved before it is forwarded and
/// settled to the actual cost when it ends.
/// </summary>
/// <param name="AmountUsd">The cap in USD per period.</param>
/// <param name="Period"><c>day</c>, <c>week</c> (from Monday), <c>month</c> or <c>total</c>, in the tenant's time zone (<see cref="BudgetPeriods"/>).</param>
/// <param name="AlertAtPercent">Spend thresholds (percent of the amount) that record an alert once per period; null: 50, 80 and 100.</param>
public sealed record Budget(
    decimal AmountUsd,
    string Period = BudgetPeriods.Month,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<int>? AlertAtPercent = null)
{
    /// <summary>The thresholds when none are given.</summary>
    public static readonly IReadOnlyList<int> DefaultAlertAtPercent = [50, 80, 100];

    /// <summary>The amount in micro-dollars (the unit of every counter).</summary>
    [JsonIgnore]
    public long AmountMicros => (long)decimal.Round(AmountUsd * 1_000_000m, 0, MidpointRounding.ToZero);

    [JsonIgnore]
    public IReadOnlyList<int> Thresholds => AlertAtPercent ?? DefaultAlertAtPercent;
}
