using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Components.Pages.Chargeback;

/// <summary>
/// A statement line per token kind, as the statement view lists it under the line: the kind's tokens and cost. Kinds
/// without tokens or cost are left out; <c>unattributed</c> is the cost of usage from nodes that did not split it (no
/// token count). Shared-cost lines have no token kinds. The costs listed add up to the line's cost.
/// </summary>
public static class StatementLineParts
{
    public sealed record Part(string Kind, long? Tokens, long CostMicros);

    public static IReadOnlyList<Part> Of(ChargebackStatementLineDto line)
    {
        if (line.Kind == "shared")
        {
            return [];
        }

        Part[] parts =
        [
            new("input", Math.Max(0, line.InputTokens - line.CachedInputTokens - line.CacheWriteTokens), line.InputCostMicros),
            new("cached input", line.CachedInputTokens, line.CachedInputCostMicros),
            new("cache write", line.CacheWriteTokens, line.CacheWriteCostMicros),
            new("output", Math.Max(0, line.OutputTokens - line.ReasoningTokens), line.OutputCostMicros),
            new("reasoning", line.ReasoningTokens, line.ReasoningCostMicros),
            new("unattributed", null, line.UnattributedCostMicros),
        ];
        return parts.Where(p => p.CostMicros != 0 || p.Tokens is > 0).ToList();
    }
}
