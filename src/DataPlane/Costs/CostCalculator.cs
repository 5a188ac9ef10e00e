using Switchyard.DataPlane.Chat;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Costs;

/// <summary>
/// The cost arithmetic, in micro-dollars. A price in USD per million tokens is micro-dollars per token, so a cost is the sum
/// of each token kind times its price, rounded once (half away from zero) to whole micro-dollars:
/// <list type="bullet">
/// <item>uncached input (input − cached − cache-write) at the input price (an embeddings request: the embedding price);</item>
/// <item>cached input at the cached-input price, cache writes at the cache-write price (each falling back to the input price);</item>
/// <item>output other than reasoning at the output price, reasoning at the reasoning price (falling back to the output price).</item>
/// </list>
/// <see cref="CostParts"/> splits that same total by token kind without changing it: each kind's exact cost rounded down, and
/// the micro-dollars still missing to the total go one each to the kinds with the largest fractions (ties: in the order
/// above), so every part is its exact cost rounded down or up and the parts add up to <see cref="CostMicros"/> exactly.
/// A handful of decimal multiplications: no allocation, no I/O. Budgets reserve <see cref="WorstCaseMicros"/> before a request
/// and settle with <see cref="CostMicros"/> after it.
/// </summary>
public static class CostCalculator
{
    /// <summary>The exact cost of <paramref name="usage"/> at <paramref name="price"/>, in micro-dollars (not rounded).</summary>
    public static decimal Cost(in TokenUsage usage, DeploymentPrice price, bool embedding = false)
    {
        Span<decimal> terms = stackalloc decimal[Kinds];
        Terms(usage, price, embedding, terms);
        return terms[0] + terms[1] + terms[2] + terms[3] + terms[4];
    }

    /// <summary>The cost of <paramref name="usage"/> at <paramref name="price"/> in whole micro-dollars; 0 without a price.</summary>
    public static long CostMicros(in TokenUsage usage, DeploymentPrice? price, bool embedding = false) =>
        price is null ? 0 : Round(Cost(usage, price, embedding));

    /// <summary>
    /// <see cref="CostMicros"/> split by token kind (largest remainder: the parts add up to it exactly); all zero without a price.
    /// </summary>
    public static UsageCostParts CostParts(in TokenUsage usage, DeploymentPrice? price, bool embedding = false)
    {
        if (price is null)
        {
            return UsageCostParts.None;
        }

        Span<decimal> terms = stackalloc decimal[Kinds];
        Terms(usage, price, embedding, terms);
        Span<long> parts = stackalloc long[Kinds];
        var missing = Round(terms[0] + terms[1] + terms[2] + terms[3] + terms[4]);
        for (var i = 0; i < Kinds; i++)
        {
            parts[i] = (long)decimal.Floor(terms[i]);
            terms[i] -= parts[i]; // the fraction left
            missing -= parts[i];
        }

        // 0 ≤ missing ≤ the number of kinds with a fraction: the rounded total lies between the floors' sum and its ceiling.
        for (; missing > 0; missing--)
        {
            var largest = 0;
            for (var i = 1; i < Kinds; i++)
            {
                largest = terms[i] > terms[largest] ? i : largest;
            }

            parts[largest]++;
            terms[largest] = -1;
        }

        return new UsageCostParts(parts[0], parts[1], parts[2], parts[3], parts[4]);
    }

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

    private const int Kinds = 5;

    /// <summary>Each token kind's exact cost in micro-dollars: uncached input, cached input, cache writes, output, reasoning.</summary>
    private static void Terms(in TokenUsage usage, DeploymentPrice price, bool embedding, Span<decimal> terms)
    {
        terms.Clear();
        if (embedding)
        {
            terms[0] = Clamp(usage.InputTokens) * (price.EmbeddingInputPerMTok ?? price.InputPerMTok);
            return;
        }

        var cached = Clamp(usage.CachedInputTokens);
        var written = Clamp(usage.CacheWriteInputTokens);
        var reasoning = Math.Min(Clamp(usage.ReasoningTokens), Clamp(usage.OutputTokens));
        terms[0] = Math.Max(0, Clamp(usage.InputTokens) - cached - written) * price.InputPerMTok;
        terms[1] = cached * (price.CachedInputPerMTok ?? price.InputPerMTok);
        terms[2] = written * (price.CacheWritePerMTok ?? price.InputPerMTok);
        terms[3] = (Clamp(usage.OutputTokens) - reasoning) * price.OutputPerMTok;
        terms[4] = reasoning * (price.ReasoningPerMTok ?? price.OutputPerMTok);
    }

    private static long Round(decimal micros) => (long)decimal.Round(micros, 0, MidpointRounding.AwayFromZero);

    private static int Clamp(int tokens) => Math.Max(0, tokens);
}
