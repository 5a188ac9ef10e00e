using Switchyard.DataPlane.Chat;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Costs;

/// <summary>
/// The cost arithmetic, in micro-dollars. A price in USD per million tokens is micro-dollars per token, so a cost is the sum
/// of each token kind times its price, rounded once (half away from zero) to whole micro-dollars:
/// <list type="bullet">
/// <item>uncached input (input − cached − cache-write) at the input price (an embeddings request: the embedding price);</item>
/// <item>cached input at the cached-input price, cache writes at the cache-write price (each falling back to the input price);</item>
/// <item>output other than reasoning at the output price, reasoning at the reasoning price (falling back to the output price).</item>
/// </list>
/// A handful of decimal multiplications: no allocation, no I/O. Budgets reserve <see cref="WorstCaseMicros"/> before a request
/// and settle with <see cref="CostMicros"/> after it.
/// </summary>
public static class CostCalculator
{
    /// <summary>The exact cost of <paramref name="usage"/> at <paramref name="price"/>, in micro-dollars (not rounded).</summary>
    public static decimal Cost(in TokenUsage usage, DeploymentPrice price, bool embedding = false)
    {
        if (embedding)
        {
            return Clamp(usage.InputTokens) * (price.EmbeddingInputPerMTok ?? price.InputPerMTok);
        }

        var cached = Clamp(usage.CachedInputTokens);
        var written = Clamp(usage.CacheWriteInputTokens);
        var uncached = Math.Max(0, Clamp(usage.InputTokens) - cached - written);
        var reasoning = Math.Min(Clamp(usage.ReasoningTokens), Clamp(usage.OutputTokens));
        var output = Clamp(usage.OutputTokens) - reasoning;
        return uncached * price.InputPerMTok
               + cached * (price.CachedInputPerMTok ?? price.InputPerMTok)
               + written * (price.CacheWritePerMTok ?? price.InputPerMTok)
               + output * price.OutputPerMTok
               + reasoning * (price.ReasoningPerMTok ?? price.OutputPerMTok);
    }

    /// <summary>The cost of <paramref name="usage"/> at <paramref name="price"/> in whole micro-dollars; 0 without a price.</summary>
    public static long CostMicros(in TokenUsage usage, DeploymentPrice? price, bool embedding = false) =>
        price is null ? 0 : Round(Cost(usage, price, embedding));

    /// <summary>
    /// The most a request can cost before it is sent: its estimated input, none of it cached, at the input price, plus
    /// <paramref name="maxOutputTokens"/> at the dearer of the output and reasoning prices. For budget reservations.
    /// </summary>
    public static long WorstCaseMicros(int inputTokens, int maxOutputTokens, DeploymentPrice? price, bool embedding = false)
    {
        if (price is null)
        {
            return 0;
        }

        var input = Clamp(inputTokens) * (embedding ? price.EmbeddingInputPerMTok ?? price.InputPerMTok : price.InputPerMTok);
        var outputPrice = Math.Max(price.OutputPerMTok, price.ReasoningPerMTok ?? 0);
        return Round(input + (embedding ? 0 : Clamp(maxOutputTokens) * outputPrice));
    }

    /// <summary>
    /// The routing strategy's comparable price: input plus output per million tokens; <see cref="double.MaxValue"/> without a price.
    /// </summary>
    public static double RoutingPrice(DeploymentPrice? price) =>
        price is null ? double.MaxValue : (double)(price.InputPerMTok + price.OutputPerMTok);

    private static long Round(decimal micros) => (long)decimal.Round(micros, 0, MidpointRounding.AwayFromZero);

    private static int Clamp(int tokens) => Math.Max(0, tokens);
}
