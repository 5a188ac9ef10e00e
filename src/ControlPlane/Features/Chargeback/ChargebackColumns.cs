using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>
/// The columns of the CSV and Excel exports, one row per line and a last row with the total (<c>kind</c> = line | total).
/// Costs are exact: <c>cost_micros</c> (US dollars × 10⁶) and <c>cost_usd</c> (the same in dollars, 6 decimals).
/// </summary>
public static class ChargebackColumns
{
    public static readonly string[] Names =
    [
        "kind", "key", "label", "requests", "errors", "input_tokens", "output_tokens", "cached_input_tokens", "cache_write_tokens",
        "reasoning_tokens", "cost_micros", "cost_usd",
    ];

    /// <summary>The lines, then the total, each with its kind.</summary>
    public static IEnumerable<(string Kind, ChargebackLineDto Line)> Rows(ChargebackDto chargeback) =>
        chargeback.Lines.Select(l => ("line", l)).Append(("total", chargeback.Total));

    public static long[] Counts(ChargebackLineDto line) =>
        [line.Requests, line.Errors, line.InputTokens, line.OutputTokens, line.CachedInputTokens, line.CacheWriteTokens, line.ReasoningTokens, line.CostMicros];

    public static string FileName(ChargebackDto chargeback, string extension) =>
        $"chargeback-{chargeback.GroupBy}-{chargeback.From:yyyyMMddTHH}-{chargeback.To:yyyyMMddTHH}.{extension}";
}
