namespace Switchyard.Shared.Configuration;

/// <summary>
/// What a budget level spent in its current period according to the control plane's ledger.
/// </summary>
/// <param name="Scope"><c>key</c>, <c>team</c> or <c>tenant</c>.</param>
/// <param name="PeriodKey">The period (<c>BudgetPeriods</c>: <c>m2026-12</c>, <c>total</c>…).</param>
public sealed record BudgetSpendEntry(string Scope, Guid OwnerId, string PeriodKey, long SpentMicros);
