using System.Text;
using System.Text.RegularExpressions;
using Switchyard.Governance.Dlp;
using Switchyard.Governance.Policies;
using Switchyard.Governance.Terms;
using Switchyard.Shared.Governance;

namespace Switchyard.Governance.Streaming;

/// <summary>
/// Guards a streamed answer without buffering it: text is released to the caller behind a hold-back window at least as
/// long as the longest banned term, so a term split across chunks is always seen whole before any of it is released;
/// DLP findings are rewritten (redact, mask) before release, and one that reaches into the window waits for the next
/// chunk. Text is checked and released in steps (<see cref="ReleaseStep"/>), not per token. A banned term or a blocking
/// finding stops the stream: nothing after the last release goes out. The other output guardrails that read text as it
/// comes (<paramref name="rules"/>: banned terms that redact or log, regular expressions with any action) see the same
/// window: a match that reaches into it waits for the next chunk (at most <see cref="MaxRuleHold"/> characters), is then
/// redacted or recorded whole, and a blocking expression's match stops the stream. <c>prompt_injection</c> rules that apply
/// to the answer score the held text with the last <see cref="InjectionContext"/> released characters before it (a phrase
/// may start in text already released): at or over the threshold, a blocking rule stops the stream before the rest of the
/// phrase goes out, a logging one is recorded once per text, as on a whole answer.
/// </summary>
public sealed class StreamTextGuard
{
    public const string BannedTermsRule = "banned_terms";

    /// <summary>
    /// Held back at least when DLP rules apply: a value is only recognised once complete, so the window must be longer than
    /// the values it should catch (card numbers, IBANs, phone numbers, addresses and API keys fit; a longer one may be
    /// released in part).
    /// </summary>
    public const int DlpHoldBack = 64;

    /// <summary>Text is checked and released in steps of at least this many characters past the window (not per token).</summary>
    public const int ReleaseStep = 16;

    /// <summary>
    /// The most characters a regular expression's unfinished match may hold back beyond the window; past it the text is
    /// released (and the expression applied to what is released), so a pattern like <c>.*</c> cannot hold a whole answer.
    /// </summary>
    public const int MaxRuleHold = 1024;

    /// <summary>Released characters kept before the held text for the prompt-injection heuristics (longer than any of their matches).</summary>
    public const int InjectionContext = 256;

    private readonly BannedTermMatcher? _terms;
    private readonly CompiledGuardrail[]? _injection;
    private readonly HashSet<CompiledGuardrail>? _injectionRecorded;
    private string _released = "";
    private readonly IReadOnlyList<CompiledGuardrail>? _rules;
    private readonly PolicyFindings? _record;
    private readonly Func<string, string>? _policyOf;
    private readonly DlpScanner? _scanner;
    private readonly Func<string, string> _actionOf;
    private readonly PseudonymMap? _map;
    private readonly int _window;
    private readonly StringBuilder _pending = new();
    private readonly List<DlpFinding> _findings = [];
    private char _lastReleased = ' ';

    /// <param name="actionOf">The policy's action for a DLP detector.</param>
    /// <param name="holdBack">Characters held back at least (the policy's window); raised to the longest banned term.</param>
    /// <param name="rules">Output guardrails applied to the released text: banned terms (redact, log) and regular expressions.</param>
    /// <param name="findings">Where what the rules and DLP found in the released text is recorded (the usage record's findings).</param>
    /// <param name="policyOf">The policy that owns a DLP detector's action, for recording its findings.</param>
    public StreamTextGuard(BannedTermMatcher? terms, DlpScanner? scanner, Func<string, string> actionOf, int holdBack, PseudonymMap? map = null,
        IReadOnlyList<CompiledGuardrail>? rules = null, PolicyFindings? findings = null, Func<string, string>? policyOf = null)
    {
        _policyOf = policyOf;
        _terms = terms;
        _scanner = scanner;
        _actionOf = actionOf;
        _map = map;
        _rules = rules?.Where(r => r.Type != GuardrailTypes.PromptInjection).ToArray() is { Length: > 0 } matching ? matching : null;
        _injection = rules?.Where(r => r.Type == GuardrailTypes.PromptInjection).ToArray() is { Length: > 0 } injection ? injection : null;
        _injectionRecorded = _injection is null ? null : [];
        _record = findings;
        var longest = Math.Max(terms?.LongestTerm ?? 0, _rules?.Max(r => r.Matcher?.LongestTerm ?? 0) ?? 0);
        _window = Math.Max(Math.Max(holdBack, longest), scanner is null ? 0 : DlpHoldBack);
    }

    public GuardViolation? Violation { get; private set; }

    /// <summary>Adds a chunk; returns the text that may be released now ("" while held back or once stopped).</summary>
    public string Push(ReadOnlySpan<char> chunk)
    {
        if (Violation is not null)
        {
            return "";
        }

        _pending.Append(chunk);
        return _pending.Length - _window < ReleaseStep ? "" : Release(final: false);
    }

    /// <summary>The end of the answer: checks and returns what is still held.</summary>
    public string Complete() => Violation is null ? Release(final: true) : "";

    private string Release(bool final)
    {
        var text = _pending.ToString();
        // One released character of context, so a term right after the release point still needs a word boundary.
        if (_terms?.FindFirst(_lastReleased + text) is { } match)
        {
            return Stop(new GuardViolation(BannedTermsRule, match.TermIndex));
        }

        if (_rules is not null && BlockingRule(text) is { } blocked)
        {
            return Stop(blocked);
        }

        if (_injection is not null && Injection(text) is { } injected)
        {
            return Stop(injected);
        }

        _findings.Clear();
        _scanner?.Scan(text, _findings);
        var cut = final ? text.Length : ReleasePoint(text);
        foreach (var finding in _findings)
        {
            if (_actionOf(finding.Detector) == DlpActions.Block)
            {
                return Stop(new GuardViolation(finding.Detector));
            }

            if (finding.Index < cut && finding.End > cut)
            {
                cut = finding.Index;
            }
        }

        if (_rules is not null && !final)
        {
            cut = HoldForRules(text, cut);
        }

        if (cut == 0)
        {
            return "";
        }

        _findings.RemoveAll(f => f.End > cut);
        var segment = text[..cut];
        if (_rules is not null)
        {
            var applied = ApplyRules(segment);
            if (!ReferenceEquals(applied, segment))
            {
                // A redaction moved the text: find the values again in what will be released.
                segment = applied;
                _findings.Clear();
                _scanner?.Scan(segment, _findings);
            }
        }

        RecordFindings();
        var released = _findings.Count == 0 ? segment : DlpRewriter.Rewrite(segment, _findings, _actionOf, _map);
        _pending.Remove(0, cut);
        _lastReleased = text[cut - 1];
        if (_injection is not null)
        {
            var kept = _released + released;
            _released = kept.Length > InjectionContext ? kept[^InjectionContext..] : kept;
        }

        return released;
    }

    private string Stop(GuardViolation violation)
    {
        Violation = violation;
        _pending.Clear();
        return "";
    }

    /// <summary>The first blocking regular expression that matches the held text (a timeout blocks too: fail closed).</summary>
    private GuardViolation? BlockingRule(string text)
    {
        foreach (var rule in _rules!)
        {
            if (rule is { Type: GuardrailTypes.Regex, Action: DlpActions.Block })
            {
                try
                {
                    if (rule.Pattern!.IsMatch(text))
                    {
                        return new GuardViolation(rule.Name, Policy: rule.Policy);
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                    return new GuardViolation(rule.Name, Policy: rule.Policy);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Scores the held text (after the last released characters) with the prompt-injection heuristics: the first blocking
    /// rule reached stops the stream; a logging rule reached is recorded (once per text).
    /// </summary>
    private GuardViolation? Injection(string text)
    {
        var (heuristic, score) = PromptInjectionRules.Score(_released + text);
        if (heuristic is null)
        {
            return null;
        }

        foreach (var rule in _injection!)
        {
            if (score < rule.Threshold || !_injectionRecorded!.Add(rule))
            {
                continue;
            }

            if (rule.Action == DlpActions.Block)
            {
                // Recorded by whoever stops the stream, like a blocking expression.
                return new GuardViolation(rule.Name, Policy: rule.Policy, Detail: $"heuristic {heuristic}, score {score:0.0#}");
            }

            _record?.Add(rule.Policy, rule.Name, rule.Action, output: true);
        }

        return null;
    }

    /// <summary>The release point moved back before any rule's match (or DLP value) that reaches past it, within <see cref="MaxRuleHold"/>.</summary>
    private int HoldForRules(string text, int cut)
    {
        var start = cut;
        var moved = true;
        while (moved && cut > 0)
        {
            moved = false;
            foreach (var (index, end) in RuleMatches(text))
            {
                if (index < cut && end > cut)
                {
                    cut = index;
                    moved = true;
                }
            }

            foreach (var finding in _findings)
            {
                if (finding.Index < cut && finding.End > cut)
                {
                    cut = finding.Index;
                    moved = true;
                }
            }
        }

        return cut == 0 && start > MaxRuleHold ? start : cut;
    }

    /// <summary>Where the non-blocking rules match in the held text (terms with one released character of context).</summary>
    private IEnumerable<(int Index, int End)> RuleMatches(string text)
    {
        foreach (var rule in _rules!)
        {
            if (rule.Type == GuardrailTypes.BannedTerms)
            {
                var context = _lastReleased + text;
                var position = 1;
                while (position < context.Length && rule.Matcher!.FindFirst(context.AsSpan(position)) is { } m)
                {
                    yield return (position + m.Index - 1, position + m.Index + m.Length - 1);
                    position += m.Index + m.Length;
                }
            }
            else if (rule is { Type: GuardrailTypes.Regex } && rule.Action != DlpActions.Block)
            {
                MatchCollection matches;
                try
                {
                    matches = rule.Pattern!.Matches(text);
                    _ = matches.Count;
                }
                catch (RegexMatchTimeoutException)
                {
                    continue;
                }

                foreach (Match m in matches)
                {
                    yield return (m.Index, m.Index + m.Length);
                }
            }
        }
    }

    /// <summary>The released text with each rule applied in order: redact replaces a match, log only records it.</summary>
    private string ApplyRules(string segment)
    {
        foreach (var rule in _rules!)
        {
            if (rule.Type == GuardrailTypes.BannedTerms)
            {
                segment = ApplyTerms(rule, segment);
            }
            else if (rule.Type == GuardrailTypes.Regex && rule.Action != DlpActions.Block)
            {
                try
                {
                    var count = rule.Pattern!.Count(segment);
                    if (count > 0)
                    {
                        _record?.Add(rule.Policy, rule.Name, rule.Action, output: true, count);
                        segment = rule.Action == DlpActions.Redact ? rule.Pattern.Replace(segment, PolicySet.RedactedTerm) : segment;
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                    // The held text was already searched within the timeout when the release point was chosen; a timeout
                    // here lets the text through unchanged and records it.
                    _record?.Add(rule.Policy, rule.Name, DlpActions.Log, output: true);
                }
            }
        }

        return segment;
    }

    private string ApplyTerms(CompiledGuardrail rule, string segment)
    {
        var context = _lastReleased + segment;
        StringBuilder? result = null;
        var count = 0;
        var position = 1;
        while (position < context.Length && rule.Matcher!.FindFirst(context.AsSpan(position)) is { } m)
        {
            count++;
            var start = position + m.Index;
            if (rule.Action == DlpActions.Redact)
            {
                (result ??= new StringBuilder(segment.Length)).Append(context, position, start - position).Append(PolicySet.RedactedTerm);
            }

            position = start + m.Length;
        }

        if (count == 0)
        {
            return segment;
        }

        _record?.Add(rule.Policy, rule.Name, rule.Action, output: true, count);
        return result is null ? segment : result.Append(context, position, context.Length - position).ToString();
    }

    private void RecordFindings()
    {
        if (_record is null || _findings.Count == 0)
        {
            return;
        }

        foreach (var finding in _findings)
        {
            _record.Add(_policyOf?.Invoke(finding.Detector) ?? "", finding.Detector, _actionOf(finding.Detector), output: true);
        }
    }

    /// <summary>The window's start, moved back to a space when DLP applies (values rarely contain one) so a value is not cut.</summary>
    private int ReleasePoint(string text)
    {
        var cut = Math.Max(0, text.Length - _window);
        if (_scanner is null || cut == 0)
        {
            return cut;
        }

        var space = text.AsSpan(0, cut).LastIndexOfAny(' ', '\n');
        return space >= 0 && cut - space <= DlpHoldBack ? space + 1 : cut;
    }
}
