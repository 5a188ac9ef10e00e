using System.Text;

namespace Switchyard.Governance.Terms;

/// <summary>
/// Text folded for matching terms (<see cref="CharFolding"/>: full-width forms, accents, ligatures and Latin-looking
/// Cyrillic/Greek letters to plain letters; invisible format characters such as zero-width spaces and soft hyphens
/// removed; lower case), whitespace runs collapsed to one space — with, for every folded character, the index of the original character it
/// came from, so a match can be reported (and redacted) in the original text.
/// </summary>
public sealed class NormalizedText
{
    private NormalizedText(string text, int[] origins)
    {
        Text = text;
        Origins = origins;
    }

    public string Text { get; }

    /// <summary><c>Origins[i]</c> is the index in the original text of folded character <c>i</c>; one extra entry holds the original length.</summary>
    public int[] Origins { get; }

    public static NormalizedText Fold(ReadOnlySpan<char> text)
    {
        var folded = new StringBuilder(text.Length);
        var origins = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 128)
            {
                if (char.IsWhiteSpace(c))
                {
                    AppendSpace(folded, origins, i);
                }
                else
                {
                    folded.Append(char.ToLowerInvariant(c));
                    origins.Add(i);
                }

                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                AppendSpace(folded, origins, i);
                continue;
            }

            if (char.IsSurrogate(c))
            {
                folded.Append(c);
                origins.Add(i);
                continue;
            }

            foreach (var d in CharFolding.Fold(c))
            {
                folded.Append(d);
                origins.Add(i);
            }
        }

        origins.Add(text.Length);
        return new NormalizedText(folded.ToString(), [.. origins]);
    }

    /// <summary>Folds a term the same way (for the matcher's list).</summary>
    public static string FoldTerm(string term) => Fold(term.AsSpan().Trim()).Text;

    private static void AppendSpace(StringBuilder folded, List<int> origins, int index)
    {
        if (folded.Length > 0 && folded[^1] == ' ')
        {
            return;
        }

        folded.Append(' ');
        origins.Add(index);
    }
}
