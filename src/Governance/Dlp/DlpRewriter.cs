using System.Text;
using Switchyard.Shared.Governance;

namespace Switchyard.Governance.Dlp;

/// <summary>Rewrites findings in a text by their action: redact, mask or pseudonymize (block and log leave the text as is).</summary>
public static class DlpRewriter
{
    /// <summary>
    /// The text with each finding rewritten by <paramref name="actionOf"/>'s action for its detector; findings must be
    /// ordered and not overlap (as <see cref="DlpScanner.Scan"/> returns them). <paramref name="map"/> is needed for pseudonymize.
    /// </summary>
    public static string Rewrite(ReadOnlySpan<char> text, IReadOnlyList<DlpFinding> findings, Func<string, string> actionOf, PseudonymMap? map)
    {
        var result = new StringBuilder(text.Length + 16);
        var position = 0;
        foreach (var finding in findings)
        {
            var action = actionOf(finding.Detector);
            if (action is not (DlpActions.Redact or DlpActions.Mask or DlpActions.Pseudonymize))
            {
                continue;
            }

            result.Append(text[position..finding.Index]);
            var value = text.Slice(finding.Index, finding.Length);
            switch (action)
            {
                case DlpActions.Redact:
                    result.Append('[').Append(PseudonymMap.Label(finding.Detector)).Append(']');
                    break;
                case DlpActions.Mask:
                    Mask(finding.Detector, value, result);
                    break;
                default:
                    result.Append((map ?? throw new ArgumentNullException(nameof(map), "Pseudonymize needs the request's map.")).PlaceholderFor(finding.Detector, value.ToString()));
                    break;
            }

            position = finding.End;
        }

        return result.Append(text[position..]).ToString();
    }

    /// <summary>Hides most of a value: an email keeps its first character and domain, a secret its first four characters, an IPv4 address its first two parts, anything else its last four letters or digits.</summary>
    public static void Mask(string detector, ReadOnlySpan<char> value, StringBuilder into)
    {
        switch (detector)
        {
            case DlpDetectors.Email when value.IndexOf('@') is > 0 and var at:
                into.Append(value[0]).Append("***").Append(value[at..]);
                return;
            case DlpDetectors.Secret:
                into.Append(value[..Math.Min(4, value.Length / 4)]).Append("***");
                return;
            case DlpDetectors.IpAddress when value.Count('.') == 3:
                var second = value.IndexOf('.') + 1;
                into.Append(value[..(second + value[second..].IndexOf('.'))]).Append(".*.*");
                return;
        }

        var alnum = 0;
        foreach (var c in value)
        {
            alnum += char.IsAsciiLetterOrDigit(c) ? 1 : 0;
        }

        var keep = alnum >= 8 ? 4 : 0;
        var seen = 0;
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                into.Append(c);
                continue;
            }

            into.Append(++seen > alnum - keep ? c : '*');
        }
    }
}
