using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Switchyard.DataPlane.Guardrails;
using Switchyard.Governance.Dlp;
using Switchyard.Governance.Policies;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Governance;

namespace Switchyard.Benchmarks;

/// <summary>
/// The guard stages' own work for one request, as the node does it: the input guard over a 4 KB chat body (JSON walk of
/// every text, guardrails and DLP, rewrite of the body when a value was redacted) under a policy with every DLP detector,
/// 100 banned terms and the prompt-injection heuristics; and the output guard of a 300-token stream
/// (<see cref="PolicySet.CreateStreamGuard"/>, one push per token). The network, the upstream and the dialect writers are
/// not included: the stage's cost is what this adds to a request.
/// </summary>
[MemoryDiagnoser]
public class GuardStageBenchmarks
{
    private static readonly string[] Tokens = [.. Enumerable.Range(0, 300).Select(i => i % 12 == 0 ? " the" : i % 5 == 0 ? "ing" : " word" + (i % 7))];

    private readonly PolicySet _set = Compile(new PolicySnapshot(Guid.CreateVersion7(), Guid.CreateVersion7(), "bench",
        [.. DlpDetectors.All.Select(d => new DlpRule(d, DlpActions.Redact))],
        [
            new GuardrailRule(GuardrailTypes.BannedTerms, Terms: [.. Enumerable.Range(0, 100).Select(i => "codename " + i)]),
            new GuardrailRule(GuardrailTypes.PromptInjection),
        ]));

    private readonly PolicySet _injectionOnly = Compile(new PolicySnapshot(Guid.CreateVersion7(), Guid.CreateVersion7(), "injection",
        [], [new GuardrailRule(GuardrailTypes.PromptInjection)]));

    private readonly byte[] _cleanBody = ChatBody(withPii: false);
    private readonly byte[] _piiBody = ChatBody(withPii: true);

    [Benchmark(Description = "input guard, 4 KB chat body, nothing found")]
    public int InputClean() => Input(_cleanBody);

    [Benchmark(Description = "input guard, 4 KB chat body, 2 values redacted + body rewritten")]
    public int InputRedact() => Input(_piiBody);

    [Benchmark(Description = "input guard, 4 KB chat body, prompt-injection heuristics only")]
    public int InputInjectionOnly()
    {
        var findings = new PolicyFindings();
        var rewritten = RequestTextRewriter.Rewrite(_cleanBody, RequestTextRewriter.Shape.OpenAIChat, text => _injectionOnly.Inspect(text, output: false, findings, null));
        return (rewritten?.Length ?? 0) + findings.Count;
    }

    [Benchmark(Description = "output stream guard, 300 tokens")]
    public int OutputStream()
    {
        var guard = _set.CreateStreamGuard(holdBack: 32);
        var released = 0;
        foreach (var token in Tokens)
        {
            released += guard.Push(token).Length;
        }

        return released + guard.Complete().Length;
    }

    /// <summary>How many tokens of <see cref="Tokens"/> go in before the guard releases its first text (the added time to first token, in tokens).</summary>
    public static int TokensBeforeFirstRelease(PolicySet set, int holdBack)
    {
        var guard = set.CreateStreamGuard(holdBack);
        for (var i = 0; i < Tokens.Length; i++)
        {
            if (guard.Push(Tokens[i]).Length > 0)
            {
                return i + 1;
            }
        }

        return Tokens.Length;
    }

    /// <summary>The added time to first token in tokens (4–5 characters each here) for a terms-only and a terms + DLP policy.</summary>
    public static void PrintFirstRelease()
    {
        var terms = new GuardrailRule(GuardrailTypes.BannedTerms, Terms: ["project falcon"], Applies: GuardrailTypes.Output);
        var termsOnly = Compile(new PolicySnapshot(Guid.CreateVersion7(), Guid.CreateVersion7(), "terms", [], [terms]));
        var withDlp = Compile(new PolicySnapshot(Guid.CreateVersion7(), Guid.CreateVersion7(), "dlp", [new DlpRule(DlpDetectors.Email, DlpActions.Redact)], [terms]));
        foreach (var holdBack in new[] { 0, 32, 64 })
        {
            Console.WriteLine($"hold-back {holdBack}: terms only {TokensBeforeFirstRelease(termsOnly, holdBack)} tokens, terms + DLP {TokensBeforeFirstRelease(withDlp, holdBack)} tokens before the first release");
        }
    }

    private int Input(byte[] body)
    {
        var findings = new PolicyFindings();
        var map = new PseudonymMap();
        var rewritten = RequestTextRewriter.Rewrite(body, RequestTextRewriter.Shape.OpenAIChat, text => _set.Inspect(text, output: false, findings, map));
        return (rewritten?.Length ?? 0) + findings.Count;
    }

    private static PolicySet Compile(PolicySnapshot snapshot) =>
        new([CompiledPolicy.TryCompile(snapshot, out var errors) ?? throw new InvalidOperationException(string.Join("; ", errors))]);

    private static byte[] ChatBody(bool withPii)
    {
        var text = new StringBuilder();
        while (text.Length < 3900)
        {
            text.Append("Please summarise the attached quarterly figures for the board, version 2.4, in three short paragraphs. ");
            if (withPii && text.Length is > 1000 and < 1200)
            {
                text.Append("Send it to jane.doe@example.com and call +44 20 7946 0958 when done. ");
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            model = "gpt-4o-mini",
            messages = new object[]
            {
                new { role = "system", content = "You are a concise analyst." },
                new { role = "user", content = text.ToString(0, 3900) },
            },
        });
    }
}
