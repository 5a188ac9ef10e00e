using Switchyard.ControlPlane.Features.Usage;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>Summed rollup columns of one group (the database fills <see cref="Key"/> and the sums; ranges are added up here).</summary>
public sealed class ChargebackSums<TKey> : ITokenKindCosts
{
    public TKey Key { get; set; } = default!;
    public long Requests { get; set; }
    public long Errors { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    public long CachedInputTokens { get; set; }
    public long CacheWriteTokens { get; set; }
    public long ReasoningTokens { get; set; }
    public long CostMicros { get; set; }

    /// <summary>The cost per token kind (<see cref="ITokenKindCosts"/>); what they leave of <see cref="CostMicros"/> is unattributed.</summary>
    public long InputCostMicros { get; set; }
    public long CachedInputCostMicros { get; set; }
    public long CacheWriteCostMicros { get; set; }
    public long OutputCostMicros { get; set; }
    public long ReasoningCostMicros { get; set; }

    public void Add<TOther>(ChargebackSums<TOther> other)
    {
        Requests += other.Requests;
        Errors += other.Errors;
        InputTokens += other.InputTokens;
        OutputTokens += other.OutputTokens;
        CachedInputTokens += other.CachedInputTokens;
        CacheWriteTokens += other.CacheWriteTokens;
        ReasoningTokens += other.ReasoningTokens;
        this.AddCosts(other);
    }

    public ChargebackLineDto ToDto(string key, string? label) => new(
        key, label, Requests, Errors, InputTokens, OutputTokens, CachedInputTokens, CacheWriteTokens, ReasoningTokens, CostMicros,
        CostMicros / 1_000_000m, InputCostMicros, CachedInputCostMicros, CacheWriteCostMicros, OutputCostMicros, ReasoningCostMicros, this.UnattributedMicros());
}
