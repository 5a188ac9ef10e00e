namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>
/// A cost in micro-dollars with its part per token kind (<see cref="Switchyard.Shared.Messages.UsageCostParts"/>): usage
/// records, both rollup tables, chargeback sums and statement lines. The parts of a record from a current node add up to
/// its <see cref="CostMicros"/>; a record from an older node has none, so what the parts leave over is
/// <see cref="TokenKindCosts.UnattributedMicros"/> (always whole records' costs, never a rounding difference).
/// </summary>
public interface ITokenKindCosts
{
    long CostMicros { get; set; }

    /// <summary>Uncached input (an embeddings request: all of its input).</summary>
    long InputCostMicros { get; set; }
    long CachedInputCostMicros { get; set; }
    long CacheWriteCostMicros { get; set; }

    /// <summary>Output other than reasoning.</summary>
    long OutputCostMicros { get; set; }
    long ReasoningCostMicros { get; set; }
}
