namespace Switchyard.Shared.Messages;

/// <summary>
/// A usage record's cost per token kind, in micro-dollars, as the node computed it at the record's price version:
/// uncached input (an embeddings request: all of its input), cached input, cache writes, output other than reasoning,
/// reasoning. The parts add up exactly to the record's <c>CostMicros</c>: each kind's exact cost rounded down, and the
/// micro-dollars still missing to the total (rounded once, half away from zero, as always) go one each to the kinds with
/// the largest fractions. Null in records from nodes that did not split the cost: all of it is then unattributed.
/// </summary>
public sealed record UsageCostParts(long InputMicros, long CachedInputMicros, long CacheWriteMicros, long OutputMicros, long ReasoningMicros)
{
    public static readonly UsageCostParts None = new(0, 0, 0, 0, 0);

    /// <summary>The parts added up (equal to the record's cost in records from current nodes).</summary>
    public long Sum() => InputMicros + CachedInputMicros + CacheWriteMicros + OutputMicros + ReasoningMicros;
}
