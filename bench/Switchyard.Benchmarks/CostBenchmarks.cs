using BenchmarkDotNet.Attributes;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Costs;
using Switchyard.Shared.Configuration;

namespace Switchyard.Benchmarks;

/// <summary>
/// What the node adds per usage record for cost: <see cref="UsageSettlement.Settle"/> (the normal case: provider usage kept)
/// and <see cref="CostCalculator.CostMicros"/> over every token kind at a price with every kind set.
/// </summary>
[MemoryDiagnoser]
public class CostBenchmarks
{
    private readonly DeploymentPrice _price = new("builtin-2025-11:claude-sonnet-4", DeploymentPrice.FromCatalog, 3m, 15m, 0.3m, 3.75m, 20m);
    private readonly TokenUsage _usage = new(2006, 300, CachedInputTokens: 1920, CacheWriteInputTokens: 40, ReasoningTokens: 256);

    [Benchmark(Description = "Settle + CostMicros (every token kind)")]
    public long SettleAndCost()
    {
        var usage = UsageSettlement.Settle(_usage, endedNormally: true, streamedCharacters: 1200, requestBytes: 8000, out _);
        return CostCalculator.CostMicros(usage, _price);
    }
}
