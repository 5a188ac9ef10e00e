using System.Text.Unicode;

namespace Switchyard.DataPlane.Chat;

/// <summary>
/// Checks that a request body is text every JSON string read can decode: valid UTF-8 (RFC 8259 §8.1) and no
/// <c>\uXXXX</c> escape of an unpaired surrogate (RFC 7493 §2.1). <see cref="System.Text.Json.Utf8JsonReader"/> accepts
/// both while tokenizing and only fails (with <see cref="InvalidOperationException"/>) when a string is decoded, so the
/// scans reject such bodies up front and nothing behind them meets undecodable text.
/// </summary>
public static class JsonText
{
    public static bool IsDecodable(ReadOnlySpan<byte> json) => Utf8.IsValid(json) && !HasUnpairedSurrogateEscape(json);

    /// <summary>
    /// True when an escape <c>\uD800</c>–<c>\uDBFF</c> is not followed by a low-surrogate escape, or a low surrogate
    /// stands alone. Every backslash in valid JSON starts an escape inside a string, so escapes are walked pairwise;
    /// in text that is not JSON at all the answer does not matter (the reader rejects it).
    /// </summary>
    private static bool HasUnpairedSurrogateEscape(ReadOnlySpan<byte> json)
    {
        var i = json.IndexOf((byte)'\\');
        while (i >= 0 && i + 1 < json.Length)
        {
            if (json[i + 1] != (byte)'u')
            {
                i += 2;
            }
            else if (Hex4(json, i + 2) is not { } unit)
            {
                return false; // Not a valid escape: the JSON reader rejects it.
            }
            else if (unit is >= 0xDC00 and <= 0xDFFF)
            {
                return true;
            }
            else if (unit is >= 0xD800 and <= 0xDBFF)
            {
                if (i + 7 >= json.Length || json[i + 6] != (byte)'\\' || json[i + 7] != (byte)'u' || Hex4(json, i + 8) is not (>= 0xDC00 and <= 0xDFFF))
                {
                    return true;
                }

                i += 12;
            }
            else
            {
                i += 6;
            }

            if (i >= json.Length)
            {
                break;
            }

            var next = json[i..].IndexOf((byte)'\\');
            i = next < 0 ? -1 : i + next;
        }

        return false;
    }

    private static int? Hex4(ReadOnlySpan<byte> json, int start)
    {
        if (start + 4 > json.Length)
        {
            return null;
        }

        var value = 0;
        foreach (var b in json.Slice(start, 4))
        {
            var digit = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return null;
            }

            value = (value << 4) | digit;
        }

        return value;
    }
}
