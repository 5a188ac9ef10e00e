using System.Buffers;
using System.Net;
using System.Text.RegularExpressions;
using Switchyard.Shared.Governance;

namespace Switchyard.Governance.Dlp;

/// <summary>
/// Finds sensitive data in text with the detectors a policy enables: a candidate pattern, then a check that removes most
/// false positives (Luhn and issuer prefix for cards, mod-97 and country length for IBANs, SSN area rules, a parse for IP
/// addresses, digit count for phone numbers, entropy for unlabelled secrets). Overlapping findings keep the detector
/// listed first in <see cref="DlpDetectors.All"/>, then custom rules. Immutable and thread-safe; allocation-free apart
/// from the findings list and IPv6 candidates. A pattern that runs past its timeout throws
/// <see cref="RegexMatchTimeoutException"/>: the caller applies the policy's fail-open or fail-closed choice.
/// </summary>
public sealed class DlpScanner
{
    /// <summary>Bits per character above which a 32+ character token counts as a secret (hex tops out at 4.0).</summary>
    public const double SecretEntropyBits = 4.2;

    /// <summary>The shortest credential the known formats describe (a Slack token); shorter runs are not scanned.</summary>
    private const int MinSecretLength = 14;

    private static readonly SearchValues<char> TokenChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-.");
    private static readonly SearchValues<char> HexOrColon = SearchValues.Create("0123456789ABCDEFabcdef:");

    private readonly bool[] _enabled;
    private readonly IReadOnlyList<DlpCustomRule> _custom;

    public DlpScanner(IEnumerable<string> detectors, IReadOnlyList<DlpCustomRule>? custom = null)
    {
        var set = detectors.ToHashSet(StringComparer.Ordinal);
        _enabled = [.. DlpDetectors.All.Select(set.Contains)];
        _custom = custom ?? [];
    }

    /// <summary>Adds the findings in <paramref name="text"/> to <paramref name="findings"/>, ordered by position.</summary>
    public void Scan(ReadOnlySpan<char> text, List<DlpFinding> findings)
    {
        var start = findings.Count;
        for (var d = 0; d < _enabled.Length; d++)
        {
            if (_enabled[d])
            {
                ScanDetector(DlpDetectors.All[d], text, findings, start);
            }
        }

        foreach (var rule in _custom)
        {
            foreach (var match in rule.Regex.EnumerateMatches(text))
            {
                if (match.Length > 0)
                {
                    AddUnlessOverlapping(findings, start, new DlpFinding(rule.Name, match.Index, match.Length));
                }
            }
        }

        findings.Sort(start, findings.Count - start, Comparer<DlpFinding>.Create((a, b) => a.Index.CompareTo(b.Index)));
    }

    private static void ScanDetector(string detector, ReadOnlySpan<char> text, List<DlpFinding> findings, int start)
    {
        switch (detector)
        {
            case DlpDetectors.Secret:
                ScanSecrets(text, findings, start);
                break;
            case DlpDetectors.Email:
                ScanEmails(text, findings, start);
                break;
            case DlpDetectors.PaymentCard:
                Add(DlpPatterns.PaymentCard(), detector, text, 0, findings, start, static t => IsCard(t));
                break;
            case DlpDetectors.Iban:
                Add(DlpPatterns.Iban(), detector, text, 0, findings, start, static t => DlpChecks.Iban(t));
                break;
            case DlpDetectors.UsSsn:
                Add(DlpPatterns.UsSsn(), detector, text, 0, findings, start, static _ => true);
                break;
            case DlpDetectors.Phone:
                Add(DlpPatterns.Phone(), detector, text, 0, findings, start, static t => IsPhone(t));
                break;
            case DlpDetectors.IpAddress:
                Add(DlpPatterns.IPv4(), detector, text, 0, findings, start, static _ => true);
                ScanIPv6(text, findings, start);
                break;
        }
    }

    /// <summary>
    /// Secrets live in runs of token characters: the runs are found with a vectorised search, and only runs long enough
    /// to be a key are matched against the known formats and the entropy test; PEM private keys start at their header.
    /// </summary>
    private static void ScanSecrets(ReadOnlySpan<char> text, List<DlpFinding> findings, int start)
    {
        for (var at = text.IndexOf("-----BEGIN ", StringComparison.Ordinal); at >= 0;)
        {
            var match = DlpPatterns.KnownSecret().Match(text[at..].ToString());
            if (match.Success && match.Index == 0)
            {
                AddUnlessOverlapping(findings, start, new DlpFinding(DlpDetectors.Secret, at, match.Length));
            }

            var next = text[(at + 1)..].IndexOf("-----BEGIN ", StringComparison.Ordinal);
            at = next < 0 ? -1 : at + 1 + next;
        }

        var position = 0;
        while (position < text.Length)
        {
            var runStart = text[position..].IndexOfAny(TokenChars);
            if (runStart < 0)
            {
                return;
            }

            runStart += position;
            var runLength = text[runStart..].IndexOfAnyExcept(TokenChars);
            runLength = runLength < 0 ? text.Length - runStart : runLength;
            if (runLength >= MinSecretLength)
            {
                var run = text.Slice(runStart, runLength);
                Add(DlpPatterns.KnownSecret(), DlpDetectors.Secret, run, runStart, findings, start, static _ => true);
                Add(DlpPatterns.Token(), DlpDetectors.Secret, run, runStart, findings, start, static t => LooksRandom(t));
            }

            position = runStart + runLength;
        }
    }

    /// <summary>Emails around each <c>@</c> (found with a vectorised search), not at every letter.</summary>
    private static void ScanEmails(ReadOnlySpan<char> text, List<DlpFinding> findings, int start)
    {
        var searchedTo = 0;
        for (var at = text.IndexOf('@'); at >= 0;)
        {
            var from = Math.Max(searchedTo, at - 65);
            var to = Math.Min(text.Length, at + 256);
            if (from < at)
            {
                Add(DlpPatterns.Email(), DlpDetectors.Email, text[from..to], from, findings, start, static _ => true);
            }

            searchedTo = at + 1;
            var next = text[(at + 1)..].IndexOf('@');
            at = next < 0 ? -1 : at + 1 + next;
        }
    }

    /// <summary>IPv6 candidates are runs of hex digits and colons with at least two colons, confirmed by parsing.</summary>
    private static void ScanIPv6(ReadOnlySpan<char> text, List<DlpFinding> findings, int start)
    {
        var position = 0;
        while (position < text.Length)
        {
            var colon = text[position..].IndexOf(':');
            if (colon < 0)
            {
                return;
            }

            colon += position;
            var runStart = colon;
            while (runStart > 0 && HexOrColon.Contains(text[runStart - 1]))
            {
                runStart--;
            }

            var runLength = text[runStart..].IndexOfAnyExcept(HexOrColon);
            runLength = runLength < 0 ? text.Length - runStart : runLength;
            var run = text.Slice(runStart, runLength);
            if (run.Count(':') >= 2 && (run.Contains("::", StringComparison.Ordinal) || run.Count(':') >= 5)
                && (runStart == 0 || !char.IsAsciiLetterOrDigit(text[runStart - 1]))
                && IPAddress.TryParse(run, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                AddUnlessOverlapping(findings, start, new DlpFinding(DlpDetectors.IpAddress, runStart, runLength));
            }

            position = runStart + runLength + 1;
        }
    }

    /// <summary>Adds the matches of <paramref name="regex"/> in <paramref name="text"/> (which starts at <paramref name="offset"/>) that pass <paramref name="check"/>.</summary>
    private static void Add(Regex regex, string detector, ReadOnlySpan<char> text, int offset, List<DlpFinding> findings, int start, CandidateCheck check)
    {
        foreach (var match in regex.EnumerateMatches(text))
        {
            if (check(text.Slice(match.Index, match.Length)))
            {
                AddUnlessOverlapping(findings, start, new DlpFinding(detector, offset + match.Index, match.Length));
            }
        }
    }

    private static void AddUnlessOverlapping(List<DlpFinding> findings, int start, DlpFinding finding)
    {
        for (var i = start; i < findings.Count; i++)
        {
            var other = findings[i];
            if (finding.Index < other.End && other.Index < finding.End)
            {
                return;
            }
        }

        findings.Add(finding);
    }

    private static bool IsCard(ReadOnlySpan<char> candidate)
    {
        Span<char> digits = stackalloc char[19];
        var count = 0;
        foreach (var c in candidate)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return false;
                }

                digits[count++] = c;
            }
        }

        return DlpChecks.CardIssuer(digits[..count]) && DlpChecks.Luhn(digits[..count]);
    }

    private static bool IsPhone(ReadOnlySpan<char> candidate)
    {
        var digits = 0;
        var separators = 0;
        foreach (var c in candidate)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is ' ' or '.' or '-' or '(' or ')')
            {
                separators++;
            }
        }

        // 9–15 digits (E.164), grouped like a phone number or written with a country code; dots only as in 555.123.4567.
        if (digits is < 9 or > 15)
        {
            return false;
        }

        // Dotted: 555.123.4567 is a phone number, four dotted groups of up to three digits an IPv4 address.
        return candidate.Contains('.')
            ? candidate.Count('.') is 2 or 3 && candidate.IndexOfAny(' ', '-') < 0 && digits >= 10 && !DlpPatterns.IPv4().IsMatch(candidate)
            : candidate[0] is '+' or '(' || separators >= 2;
    }

    /// <summary>A token that mixes letters and digits with high entropy (an unlabelled key), not a word, path or hex hash.</summary>
    private static bool LooksRandom(ReadOnlySpan<char> token)
    {
        bool upper = false, lower = false, digit = false;
        foreach (var c in token)
        {
            upper |= char.IsAsciiLetterUpper(c);
            lower |= char.IsAsciiLetterLower(c);
            digit |= char.IsAsciiDigit(c);
        }

        return digit && upper && lower && DlpChecks.Entropy(token) >= SecretEntropyBits;
    }

    private delegate bool CandidateCheck(ReadOnlySpan<char> candidate);
}
