using System.Text;

namespace Switchyard.Governance.Dlp;

/// <summary>
/// Turns a request's placeholders back into their values in the answer, streamed or not: text is released as it comes
/// except a trailing <c>&lt;LABEL_</c>… that may be the start of a placeholder split across chunks, held until the next
/// chunk completes it (or shows it is not one) or the stream ends.
/// </summary>
public sealed class PseudonymRestorer(PseudonymMap map)
{
    private readonly StringBuilder _held = new();

    /// <summary>The text that can go to the caller now, placeholders restored.</summary>
    public string Push(ReadOnlySpan<char> chunk)
    {
        _held.Append(chunk);
        var text = _held.ToString();
        var cut = HoldFrom(text);
        _held.Clear().Append(text.AsSpan(cut));
        return Restore(text.AsSpan(0, cut));
    }

    /// <summary>Whatever is still held, at the end of the answer.</summary>
    public string Flush()
    {
        var text = _held.ToString();
        _held.Clear();
        return Restore(text);
    }

    /// <summary>Restores every known placeholder in a whole text.</summary>
    public string Restore(ReadOnlySpan<char> text)
    {
        if (map.Count == 0 || text.IndexOf('<') < 0)
        {
            return text.ToString();
        }

        var result = new StringBuilder(text.Length);
        var position = 0;
        while (position < text.Length)
        {
            var open = text[position..].IndexOf('<');
            if (open < 0)
            {
                break;
            }

            open += position;
            var close = text[open..].IndexOf('>');
            if (close > 0 && close < PseudonymMap.MaxPlaceholderLength && map.TryGetValue(text.Slice(open, close + 1).ToString(), out var value))
            {
                result.Append(text[position..open]).Append(value);
                position = open + close + 1;
            }
            else
            {
                result.Append(text[position..(open + 1)]);
                position = open + 1;
            }
        }

        return result.Append(text[position..]).ToString();
    }

    /// <summary>Where a possible unfinished placeholder starts at the end of <paramref name="text"/> (its length when none).</summary>
    private static int HoldFrom(string text)
    {
        var open = text.LastIndexOf('<');
        if (open < 0 || text.Length - open >= PseudonymMap.MaxPlaceholderLength)
        {
            return text.Length;
        }

        for (var i = open + 1; i < text.Length; i++)
        {
            if (!(char.IsAsciiLetterUpper(text[i]) || char.IsAsciiDigit(text[i]) || text[i] == '_'))
            {
                return text.Length;
            }
        }

        return open;
    }
}
