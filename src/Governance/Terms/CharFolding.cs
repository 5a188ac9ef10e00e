using System.Globalization;

namespace Switchyard.Governance.Terms;

/// <summary>
/// Folds one character for term matching without ICU (the processes run with invariant globalization, where
/// <see cref="string.Normalize()"/> does not decompose): full-width ASCII to ASCII, Latin-1 and Latin Extended-A letters
/// to their base letters (é → e, ß → ss, Œ → oe), common ligatures, the Cyrillic and Greek letters that look like Latin
/// ones (а → a), then lower case. Combining marks and invisible format characters fold to nothing.
/// </summary>
internal static class CharFolding
{
    // U+00C0–U+017F, one entry per character ("" for the two signs in the range).
    private static readonly string[] Latin = (
        "a a a a a a ae c e e e e i i i i d n o o o o o _ o u u u u y th ss "
        + "a a a a a a ae c e e e e i i i i d n o o o o o _ o u u u u y th y "
        + "a a a a a a c c c c c c c c d d d d e e e e e e e e e e g g g g "
        + "g g g g h h h h i i i i i i i i i i ij ij j j k k k l l l l l l l "
        + "l l l n n n n n n n n n o o o o o o oe oe r r r r r r s s s s s s "
        + "s s t t t t t t u u u u u u u u u u u u w w y y y z z z z z z s").Split(' ');

    private static readonly Dictionary<char, string> Others = new()
    {
        ['\uFB00'] = "ff", ['\uFB01'] = "fi", ['\uFB02'] = "fl", ['\uFB03'] = "ffi", ['\uFB04'] = "ffl",
        // Cyrillic and Greek letters drawn like Latin ones.
        ['а'] = "a", ['в'] = "b", ['е'] = "e", ['ё'] = "e", ['к'] = "k", ['м'] = "m", ['н'] = "h", ['о'] = "o", ['р'] = "p", ['с'] = "c",
        ['т'] = "t", ['у'] = "y", ['х'] = "x", ['і'] = "i", ['ј'] = "j", ['ѕ'] = "s", ['ԁ'] = "d", ['ԛ'] = "q", ['ԝ'] = "w",
        ['α'] = "a", ['β'] = "b", ['ε'] = "e", ['ι'] = "i", ['κ'] = "k", ['ν'] = "v", ['ο'] = "o", ['ρ'] = "p", ['τ'] = "t", ['υ'] = "u", ['χ'] = "x",
    };

    /// <summary>The folded form of <paramref name="c"/> (lower case), or "" when it folds to nothing.</summary>
    public static string Fold(char c)
    {
        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            return ((char)char.ToLowerInvariant((char)(c - 0xFEE0))).ToString();
        }

        var lower = char.ToLowerInvariant(c);
        if (lower is >= '\u00C0' and <= '\u017F')
        {
            return Latin[lower - 0xC0] is var folded && folded != "_" ? folded : lower.ToString();
        }

        if (Others.TryGetValue(lower, out var other))
        {
            return other;
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            ? ""
            : lower.ToString();
    }
}
