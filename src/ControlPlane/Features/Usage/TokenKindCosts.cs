namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>Sums and differences of <see cref="ITokenKindCosts"/>, the cost and every part together.</summary>
public static class TokenKindCosts
{
    /// <summary>The cost no part accounts for: records from nodes that did not split their cost.</summary>
    public static long UnattributedMicros(this ITokenKindCosts c) =>
        c.CostMicros - c.InputCostMicros - c.CachedInputCostMicros - c.CacheWriteCostMicros - c.OutputCostMicros - c.ReasoningCostMicros;

    /// <summary>Adds <paramref name="from"/>'s cost and parts, times <paramref name="sign"/>, to <paramref name="to"/>.</summary>
    public static void AddCosts(this ITokenKindCosts to, ITokenKindCosts from, long sign = 1)
    {
        to.CostMicros += sign * from.CostMicros;
        to.InputCostMicros += sign * from.InputCostMicros;
        to.CachedInputCostMicros += sign * from.CachedInputCostMicros;
        to.CacheWriteCostMicros += sign * from.CacheWriteCostMicros;
        to.OutputCostMicros += sign * from.OutputCostMicros;
        to.ReasoningCostMicros += sign * from.ReasoningCostMicros;
    }

    /// <summary>True when the cost and every part are zero.</summary>
    public static bool IsZeroCost(this ITokenKindCosts c) =>
        c is { CostMicros: 0, InputCostMicros: 0, CachedInputCostMicros: 0, CacheWriteCostMicros: 0, OutputCostMicros: 0, ReasoningCostMicros: 0 };
}
