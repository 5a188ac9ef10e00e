using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>
/// The columns of the CSV and Excel exports, one row per line and a last row with the total (<c>kind</c> = line | total).
/// Costs are exact: <c>cost_micros</c> (US dollars × 10⁶) and <c>cost_usd</c> (the same in dollars, 6 decimals); after them
/// the cost per token kind in micro-dollars (<see cref="CostParts"/>), which adds up to <c>cost_micros</c> with
/// <c>unattributed_cost_micros</c> (usage from nodes that did not split their cost). New columns go after the existing ones.
/// </summary>
public static class ChargebackColumns
{
    public static readonly string[] Names =
    [
        "kind", "key", "label", "requests", "errors", "input_tokens", "output_tokens", "cached_input_tokens", "cache_write_tokens",
        "reasoning_tokens", "cost_micros", "cost_usd", "input_cost_micros", "cached_input_cost_micros", "cache_write_cost_micros",
        "output_cost_micros", "reasoning_cost_micros", "unattributed_cost_micros",
    ];

    /// <summary>The lines, then the total, each with its kind.</summary>
    public static IEnumerable<(string Kind, ChargebackLineDto Line)> Rows(ChargebackDto chargeback) =>
        chargeback.Lines.Select(l => ("line", l)).Append(("total", chargeback.Total));

    public static long[] Counts(ChargebackLineDto line) =>
        [line.Requests, line.Errors, line.InputTokens, line.OutputTokens, line.CachedInputTokens, line.CacheWriteTokens, line.ReasoningTokens, line.CostMicros];

    /// <summary>The cost per token kind, in the order of the last columns.</summary>
    public static long[] CostParts(ChargebackLineDto line) =>
        [line.InputCostMicros, line.CachedInputCostMicros, line.CacheWriteCostMicros, line.OutputCostMicros, line.ReasoningCostMicros, line.UnattributedCostMicros];

    public static string FileName(ChargebackDto chargeback, string extension) =>
        $"chargeback-{chargeback.GroupBy}-{chargeback.From:yyyyMMddTHH}-{chargeback.To:yyyyMMddTHH}.{extension}";
}
