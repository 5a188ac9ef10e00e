using Switchyard.Shared.Configuration;

namespace Switchyard.Shared.Admin;

/// <summary>
/// The <c>budget</c> of a PATCH: the fields of a <see cref="Configuration.Budget"/> (all required, like at create), or
/// <c>{"remove": true}</c> to remove the budget.
/// </summary>
public sealed record BudgetUpdate(decimal? AmountUsd = null, string? Period = null, IReadOnlyList<int>? AlertAtPercent = null, bool Remove = false)
{
    /// <summary>The budget to store (null: remove); <see cref="AmountUsd"/> missing is a validation error before this is called.</summary>
    public Budget? ToBudget() => Remove ? null : new Budget(AmountUsd ?? 0, Period ?? BudgetPeriods.Month, AlertAtPercent);
}
