using System.Buffers;

namespace Switchyard.Governance.Terms;

/// <summary>
/// Finds a policy's banned terms as whole words in folded text (<see cref="NormalizedText"/>): case, accents, full-width
/// forms, zero-width characters and spacing do not hide a term, and "class" does not match in "classic". All terms are
/// searched at once (<see cref="SearchValues{T}"/> of strings), so a long list costs little more than a short one.
/// </summary>
public sealed class BannedTermMatcher
{
    private readonly string[] _terms;
    private readonly SearchValues<string> _search;

    public BannedTermMatcher(IEnumerable<string> terms)
    {
        _terms = [.. terms.Select(NormalizedText.FoldTerm).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(t => t.Length)];
        _search = SearchValues.Create(_terms, StringComparison.Ordinal);
    }

    /// <summary>The longest folded term, in characters (a streamed text must be held back at least this much).</summary>
    public int LongestTerm => _terms.Length == 0 ? 0 : _terms[0].Length;

    /// <summary>The first whole-word match in <paramref name="text"/>, or null.</summary>
    public TermMatch? FindFirst(ReadOnlySpan<char> text)
    {
        if (_terms.Length == 0)
        {
            return null;
        }

        var folded = NormalizedText.Fold(text);
        var haystack = folded.Text.AsSpan();
        var from = 0;
        while (from < haystack.Length)
        {
            var hit = haystack[from..].IndexOfAny(_search);
            if (hit < 0)
            {
                return null;
            }

            hit += from;
            for (var t = 0; t < _terms.Length; t++)
            {
                var term = _terms[t];
                if (haystack[hit..].StartsWith(term, StringComparison.Ordinal) && IsBoundary(haystack, hit - 1) && IsBoundary(haystack, hit + term.Length))
                {
                    var start = folded.Origins[hit];
                    var end = folded.Origins[hit + term.Length - 1] + 1;
                    return new TermMatch(start, end - start, t);
                }
            }

            from = hit + 1;
        }

        return null;
    }

    /// <summary>The folded term a match refers to.</summary>
    public string Term(TermMatch match) => _terms[match.TermIndex];

    private static bool IsBoundary(ReadOnlySpan<char> text, int index) =>
        index < 0 || index >= text.Length || !char.IsLetterOrDigit(text[index]);
}
