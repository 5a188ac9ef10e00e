using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Components.Pages.Chargeback;

/// <summary>
/// The cost per token kind of a live chargeback line, as the lines table shows it: one column per kind that has a cost in
/// the period's total (kinds nobody paid for are left out), in a fixed order. <c>unattributed</c> is the cost of usage
/// from nodes that did not split it. The kinds of a line add up to its cost.
/// </summary>
public static class ChargebackCostKinds
{
    public sealed record Kind(string Name, string Title, Func<ChargebackLineDto, long> Cost);

    public static IReadOnlyList<Kind> All { get; } =
    [
        new("input", "Input cost", l => l.InputCostMicros),
        new("cached-input", "Cached input cost", l => l.CachedInputCostMicros),
        new("cache-write", "Cache write cost", l => l.CacheWriteCostMicros),
        new("output", "Output cost", l => l.OutputCostMicros),
        new("reasoning", "Reasoning cost", l => l.ReasoningCostMicros),
        new("unattributed", "Unattributed cost", l => l.UnattributedCostMicros),
    ];

    /// <summary>The kinds with a cost in <paramref name="total"/>, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<Kind> Shown(ChargebackLineDto total) => All.Where(k => k.Cost(total) != 0).ToList();
}
