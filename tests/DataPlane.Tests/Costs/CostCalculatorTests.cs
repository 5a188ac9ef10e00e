using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Costs;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Tests.Costs;

public class CostCalculatorTests
{
    // Every kind priced apart, so each term is identifiable in the sum.
    private static readonly DeploymentPrice Full = new(
        "v1", DeploymentPrice.FromCatalog, InputPerMTok: 3m, OutputPerMTok: 15m, CachedInputPerMTok: 0.3m, CacheWritePerMTok: 3.75m,
        ReasoningPerMTok: 20m, EmbeddingInputPerMTok: 0.02m);

    private static readonly DeploymentPrice Plain = new("v2", DeploymentPrice.FromCatalog, InputPerMTok: 2.5m, OutputPerMTok: 10m);

    public static TheoryData<string, TokenUsage, long> OneKind() => new()
    {
        // 1,000,000 tokens of one kind cost exactly its price per million, in micro-dollars.
        { "uncached input", new TokenUsage(1_000_000, 0), 3_000_000 },
        { "cached input", new TokenUsage(1_000_000, 0, CachedInputTokens: 1_000_000), 300_000 },
        { "cache write", new TokenUsage(1_000_000, 0, CacheWriteInputTokens: 1_000_000), 3_750_000 },
        { "output", new TokenUsage(0, 1_000_000), 15_000_000 },
        { "reasoning", new TokenUsage(0, 1_000_000, ReasoningTokens: 1_000_000), 20_000_000 },
    };

    [Theory]
    [MemberData(nameof(OneKind))]
    public void CostMicros_OneTokenKind_BilledAtItsOwnPrice(string kind, TokenUsage usage, long expected)
    {
        Assert.True(expected == CostCalculator.CostMicros(usage, Full), kind);
    }

    [Fact]
    public void CostMicros_EveryKindAtOnce_SumsEachAtItsPrice()
    {
        // 1000 prompt tokens: 600 cached, 100 written, 300 uncached; 500 output of which 200 reasoning.
        var usage = new TokenUsage(1000, 500, CachedInputTokens: 600, CacheWriteInputTokens: 100, ReasoningTokens: 200);

        var cost = CostCalculator.Cost(usage, Full);

        Assert.Equal((300 * 3m) + (600 * 0.3m) + (100 * 3.75m) + (300 * 15m) + (200 * 20m), cost);
        Assert.Equal(9955, CostCalculator.CostMicros(usage, Full));
    }

    [Fact]
    public void CostMicros_KindsWithoutTheirOwnPrice_FallBackToInputAndOutput()
    {
        var usage = new TokenUsage(1000, 500, CachedInputTokens: 600, CacheWriteInputTokens: 100, ReasoningTokens: 200);

        Assert.Equal((1000 * 2.5m) + (500 * 10m), CostCalculator.Cost(usage, Plain));
    }

    [Fact]
    public void CostMicros_Embedding_BillsInputAtTheEmbeddingPrice()
    {
        Assert.Equal(20, CostCalculator.CostMicros(new TokenUsage(1000, 0), Full, embedding: true));
        Assert.Equal(2500, CostCalculator.CostMicros(new TokenUsage(1000, 0), Plain, embedding: true));
    }

    [Fact]
    public void CostMicros_FractionOfAMicroDollar_RoundsOnceHalfAwayFromZero()
    {
        var cheap = new DeploymentPrice("v", DeploymentPrice.FromCatalog, 0.15m, 0.6m);

        // 10 × 0.15 + 1 × 0.6 = 2.1 → 2; 1 × 0.15 + 4 × 0.6 = 2.55 → 3 (rounding each term apart would give 2); 0.5 → 1.
        Assert.Equal(2, CostCalculator.CostMicros(new TokenUsage(10, 1), cheap));
        Assert.Equal(3, CostCalculator.CostMicros(new TokenUsage(1, 4), cheap));
        Assert.Equal(1, CostCalculator.CostMicros(new TokenUsage(10, 0), new DeploymentPrice("v", DeploymentPrice.FromCatalog, 0.05m, 0)));
    }

    [Fact]
    public void CostMicros_NoPrice_IsZero()
    {
        Assert.Equal(0, CostCalculator.CostMicros(new TokenUsage(1000, 1000), null));
    }

    [Fact]
    public void CostMicros_CountsInconsistent_NeverNegative()
    {
        // A provider reporting more cached than prompt tokens must not produce a negative uncached term.
        var usage = new TokenUsage(100, 10, CachedInputTokens: 150, ReasoningTokens: 50);

        Assert.Equal((150 * 0.3m) + (10 * 20m), CostCalculator.Cost(usage, Full));
    }

    [Fact]
    public void WorstCaseMicros_InputAndMaxOutput_AtInputAndTheDearerOutputPrice()
    {
        Assert.Equal((1000 * 3) + (4096 * 20), CostCalculator.WorstCaseMicros(1000, 4096, Full));
        Assert.Equal((1000 * 2.5m) + (4096 * 10), CostCalculator.WorstCaseMicros(1000, 4096, Plain));
        Assert.Equal(0, CostCalculator.WorstCaseMicros(1000, 4096, null));
    }

    [Fact]
    public void CostMicros_PriceChangedBetweenRecords_EachRecordAtItsOwnVersion()
    {
        var before = new DeploymentPrice("price:a", DeploymentPrice.FromCatalog, 2.5m, 10m);
        var after = new DeploymentPrice("price:b", DeploymentPrice.FromCatalog, 1.25m, 5m);
        var usage = new TokenUsage(1000, 1000);

        Assert.Equal(12_500, CostCalculator.CostMicros(usage, before));
        Assert.Equal(6_250, CostCalculator.CostMicros(usage, after));
    }

    [Fact]
    public void CostParts_EveryKindAtOnce_EachKindAtItsPriceAndNothingLeftUnattributed()
    {
        var usage = new TokenUsage(1000, 500, CachedInputTokens: 600, CacheWriteInputTokens: 100, ReasoningTokens: 200);

        var parts = CostCalculator.CostParts(usage, Full);

        Assert.Equal(new UsageCostParts(300 * 3, 600 * 3 / 10, 100 * 375 / 100, 300 * 15, 200 * 20), parts);
        Assert.Equal(CostCalculator.CostMicros(usage, Full), parts.Sum());
    }

    [Fact]
    public void CostParts_FractionsOfAMicroDollar_RemainderGoesToTheLargestFractionsAndPartsAddUpToTheRoundedTotal()
    {
        // 1 × 0.15 input + 4 × 0.6 output = 0.15 + 2.4 = 2.55 → 3 in total (today's rule); floors 0 + 2 = 2, one micro-dollar
        // missing goes to the larger fraction (input's 0.15 < output's 0.4): output 3, input 0.
        var cheap = new DeploymentPrice("v", DeploymentPrice.FromCatalog, 0.15m, 0.6m);

        Assert.Equal(new UsageCostParts(0, 0, 0, 3, 0), CostCalculator.CostParts(new TokenUsage(1, 4), cheap));

        // Five kinds of 0.5 each: 2.5 → 3; each part is 0 or 1, never negative, and they add up to 3 (first kinds win ties).
        var halves = new DeploymentPrice("h", DeploymentPrice.FromCatalog, 0.5m, 0.5m, CachedInputPerMTok: 0.5m, CacheWritePerMTok: 0.5m, ReasoningPerMTok: 0.5m);
        Assert.Equal(new UsageCostParts(1, 1, 1, 0, 0), CostCalculator.CostParts(new TokenUsage(3, 2, CachedInputTokens: 1, CacheWriteInputTokens: 1, ReasoningTokens: 1), halves));
    }

    [Fact]
    public void CostParts_RandomUsageAndPrices_AddUpToCostMicrosAndEachIsItsExactCostRoundedDownOrUp()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var price = new DeploymentPrice(
                "r", DeploymentPrice.FromCatalog, Price(random), Price(random), random.Next(3) == 0 ? null : Price(random),
                random.Next(3) == 0 ? null : Price(random), random.Next(3) == 0 ? null : Price(random), Price(random));
            var usage = new TokenUsage(random.Next(-5, 200_000), random.Next(-5, 50_000), random.Next(0, 100_000), random.Next(0, 20_000), random.Next(0, 30_000));
            var embedding = random.Next(10) == 0;

            var parts = CostCalculator.CostParts(usage, price, embedding);

            Assert.Equal(CostCalculator.CostMicros(usage, price, embedding), parts.Sum());
            var exact = Terms(usage, price, embedding);
            long[] actual = [parts.InputMicros, parts.CachedInputMicros, parts.CacheWriteMicros, parts.OutputMicros, parts.ReasoningMicros];
            for (var k = 0; k < exact.Length; k++)
            {
                Assert.True(actual[k] == Math.Floor(exact[k]) || actual[k] == Math.Ceiling(exact[k]), $"kind {k}: {actual[k]} for {exact[k]}");
            }
        }

        static decimal Price(Random random) => Math.Round((decimal)random.NextDouble() * 80m, random.Next(0, 4));

        // Each kind's exact cost, written out here independently of the calculator.
        static decimal[] Terms(TokenUsage u, DeploymentPrice p, bool embedding)
        {
            var input = Math.Max(0, u.InputTokens);
            if (embedding)
            {
                return [input * (p.EmbeddingInputPerMTok ?? p.InputPerMTok), 0, 0, 0, 0];
            }

            var output = Math.Max(0, u.OutputTokens);
            var reasoning = Math.Min(Math.Max(0, u.ReasoningTokens), output);
            return
            [
                Math.Max(0, input - u.CachedInputTokens - u.CacheWriteInputTokens) * p.InputPerMTok, u.CachedInputTokens * (p.CachedInputPerMTok ?? p.InputPerMTok),
                u.CacheWriteInputTokens * (p.CacheWritePerMTok ?? p.InputPerMTok), (output - reasoning) * p.OutputPerMTok, reasoning * (p.ReasoningPerMTok ?? p.OutputPerMTok),
            ];
        }
    }

    [Fact]
    public void CostParts_NoPrice_AllZero()
    {
        Assert.Equal(new UsageCostParts(0, 0, 0, 0, 0), CostCalculator.CostParts(new TokenUsage(1000, 1000), null));
    }
}
