using BenchmarkDotNet.Attributes;
using Switchyard.Governance.Dlp;
using Switchyard.Governance.Streaming;
using Switchyard.Governance.Terms;
using Switchyard.Shared.Governance;

namespace Switchyard.Benchmarks;

/// <summary>
/// The guardrail building blocks on the sizes issue 10 names: every DLP detector and 100 banned terms over a 4 KB prompt
/// (with two findings to redact), and the streamed-output guard over a 300-token answer in 300 chunks.
/// </summary>
[MemoryDiagnoser]
public class GuardrailBenchmarks
{
    private static readonly string Prompt = BuildPrompt();
    private static readonly string[] Tokens = [.. Enumerable.Range(0, 300).Select(i => i % 12 == 0 ? " the" : i % 5 == 0 ? "ing" : " word" + (i % 7))];

    private readonly DlpScanner _scanner = new(DlpDetectors.All);
    private readonly BannedTermMatcher _terms = new(Enumerable.Range(0, 100).Select(i => "codename " + i));
    private readonly List<DlpFinding> _findings = [];

    [Benchmark(Description = "DLP scan, all detectors, 4 KB prompt")]
    public int ScanPrompt()
    {
        _findings.Clear();
        _scanner.Scan(Prompt, _findings);
        return _findings.Count;
    }

    [Benchmark(Description = "DLP scan + redact, 4 KB prompt")]
    public int RedactPrompt()
    {
        _findings.Clear();
        _scanner.Scan(Prompt, _findings);
        return DlpRewriter.Rewrite(Prompt, _findings, _ => DlpActions.Redact, null).Length;
    }

    [Benchmark(Description = "banned terms (100), 4 KB prompt")]
    public bool TermsPrompt() => _terms.FindFirst(Prompt) is not null;

    [Benchmark(Description = "stream guard (terms + DLP), 300 tokens")]
    public int GuardStream()
    {
        var guard = new StreamTextGuard(_terms, _scanner, _ => DlpActions.Redact, holdBack: 32);
        var released = 0;
        foreach (var token in Tokens)
        {
            released += guard.Push(token).Length;
        }

        return released + guard.Complete().Length;
    }

    private static string BuildPrompt()
    {
        var text = new System.Text.StringBuilder();
        while (text.Length < 4096)
        {
            text.Append("Please summarise the attached quarterly figures for the board, version 2.4, in three short paragraphs. ");
            if (text.Length is > 1000 and < 1200)
            {
                text.Append("Send it to jane.doe@example.com and call +44 20 7946 0958 when done. ");
            }
        }

        return text.ToString(0, 4096);
    }
}
