using System.Text;
using Switchyard.Governance.Dlp;
using Switchyard.Governance.Terms;
using Switchyard.Shared.Governance;

namespace Switchyard.Governance.Streaming;

/// <summary>
/// Guards a streamed answer without buffering it: text is released to the caller behind a hold-back window at least as
/// long as the longest banned term, so a term split across chunks is always seen whole before any of it is released;
/// DLP findings are rewritten (redact, mask) before release, and one that reaches into the window waits for the next
/// chunk. Text is checked and released in steps (<see cref="ReleaseStep"/>), not per token. A banned term or a blocking
/// finding stops the stream: nothing after the last release goes out.
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

    private readonly BannedTermMatcher? _terms;
    private readonly DlpScanner? _scanner;
    private readonly Func<string, string> _actionOf;
    private readonly PseudonymMap? _map;
    private readonly int _window;
    private readonly StringBuilder _pending = new();
    private readonly List<DlpFinding> _findings = [];
    private char _lastReleased = ' ';

    /// <param name="actionOf">The policy's action for a DLP detector.</param>
    /// <param name="holdBack">Characters held back at least (the policy's window); raised to the longest banned term.</param>
    public StreamTextGuard(BannedTermMatcher? terms, DlpScanner? scanner, Func<string, string> actionOf, int holdBack, PseudonymMap? map = null)
    {
        _terms = terms;
        _scanner = scanner;
        _actionOf = actionOf;
        _map = map;
        _window = Math.Max(Math.Max(holdBack, terms?.LongestTerm ?? 0), scanner is null ? 0 : DlpHoldBack);
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
            Violation = new GuardViolation(BannedTermsRule, match.TermIndex);
            _pending.Clear();
            return "";
        }

        _findings.Clear();
        _scanner?.Scan(text, _findings);
        var cut = final ? text.Length : ReleasePoint(text);
        foreach (var finding in _findings)
        {
            if (_actionOf(finding.Detector) == DlpActions.Block)
            {
                Violation = new GuardViolation(finding.Detector);
                _pending.Clear();
                return "";
            }

            if (finding.Index < cut && finding.End > cut)
            {
                cut = finding.Index;
            }
        }

        if (cut == 0)
        {
            return "";
        }

        _findings.RemoveAll(f => f.End > cut);
        var released = _findings.Count == 0 ? text[..cut] : DlpRewriter.Rewrite(text.AsSpan(0, cut), _findings, _actionOf, _map);
        _pending.Remove(0, cut);
        _lastReleased = text[cut - 1];
        return released;
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
