using BenchmarkDotNet.Attributes;
using Switchyard.Governance.Policies;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Governance;

namespace Switchyard.Benchmarks;

/// <summary>
/// The streamed-output guard as a policy builds it (<see cref="PolicySet.CreateStreamGuard"/>), over a 300-token answer in
/// 300 chunks: blocking banned terms only (no rule that reads the released text), then with the rules that match behind
/// the window on every release step — a redacting banned-terms rule and a redacting regular expression — and with an
/// output <c>prompt_injection</c> rule on top. The difference is the extra matching per chunk.
/// </summary>
[MemoryDiagnoser]
public class StreamRuleBenchmarks
{
    private static readonly string[] Tokens = [.. Enumerable.Range(0, 300).Select(i => i % 12 == 0 ? " the" : i % 5 == 0 ? "ing" : " word" + (i % 7))];

    private readonly PolicySet _blockOnly = Set(Terms(DlpActions.Block));
    private readonly PolicySet _redactRegex = Set(Terms(DlpActions.Block), Terms(DlpActions.Redact, "redacted"), Regex());
    private readonly PolicySet _withInjection = Set(Terms(DlpActions.Block), Terms(DlpActions.Redact, "redacted"), Regex(),
        new GuardrailRule(GuardrailTypes.PromptInjection, DlpActions.Block, Applies: GuardrailTypes.Output));

    [Benchmark(Baseline = true, Description = "blocking terms only (no stream rules)")]
    public int BlockOnly() => Run(_blockOnly);

    [Benchmark(Description = "+ redact terms + regex")]
    public int RedactAndRegex() => Run(_redactRegex);

    [Benchmark(Description = "+ redact terms + regex + prompt_injection")]
    public int WithInjection() => Run(_withInjection);

    /// <summary>
    /// <c>stream-rules-cpu</c>: the process's CPU time per 300-token stream of each case, interleaved over three rounds
    /// (CPU time, not wall time, so a machine shared with other work still gives usable figures).
    /// </summary>
    public static void PrintCpu(int iterations = 2000)
    {
        var bench = new StreamRuleBenchmarks();
        (string Name, Func<int> Run)[] cases = [("blocking terms only", bench.BlockOnly), ("+ redact terms + regex", bench.RedactAndRegex), ("+ prompt_injection", bench.WithInjection)];
        foreach (var (_, run) in cases)
        {
            for (var i = 0; i < 200; i++)
            {
                run();
            }
        }

        for (var round = 1; round <= 3; round++)
        {
            foreach (var (name, run) in cases)
            {
                var start = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < iterations; i++)
                {
                    run();
                }

                var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - start;
                Console.WriteLine($"round {round}: {name,-24} {cpu.TotalMicroseconds / iterations,8:0.0} µs CPU per stream ({cpu.TotalMicroseconds / iterations / Tokens.Length:0.00} µs per chunk)");
            }
        }
    }

    private static int Run(PolicySet set)
    {
        var guard = set.CreateStreamGuard(32, new PolicyFindings());
        var released = 0;
        foreach (var token in Tokens)
        {
            released += guard.Push(token).Length;
        }

        return released + guard.Complete().Length;
    }

    private static GuardrailRule Terms(string action, string name = "codenames") =>
        new(GuardrailTypes.BannedTerms, action, Name: name, Terms: [.. Enumerable.Range(0, 50).Select(i => $"{name} {i}")], Applies: GuardrailTypes.Output);

    private static GuardrailRule Regex() =>
        new(GuardrailTypes.Regex, DlpActions.Redact, Name: "ticket", Pattern: @"TCK-\d{4,8}", Applies: GuardrailTypes.Output);

    private static PolicySet Set(params GuardrailRule[] rules)
    {
        var snapshot = new PolicySnapshot(Guid.CreateVersion7(), Guid.CreateVersion7(), "bench", [], rules, null);
        return new PolicySet([CompiledPolicy.TryCompile(snapshot, out var errors) ?? throw new InvalidOperationException(string.Join("; ", errors))]);
    }
}
