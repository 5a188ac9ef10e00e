using System.Buffers;
using System.Text;

namespace Switchyard.DataPlane.Providers.Bedrock;

/// <summary>The SigV4 canonical forms of a request's path, query and header values.</summary>
internal static class SigV4Encoding
{
    private static readonly SearchValues<byte> Unreserved =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"u8);

    /// <summary>
    /// The canonical URI of a non-S3 request: the wire path normalised (empty and '.' segments dropped, '..' resolved as
    /// RFC 3986 remove_dot_segments does), each
    /// segment URI-encoded again (the wire form is already encoded once, so a '%' becomes '%25').
    /// </summary>
    public static string CanonicalUri(string path)
    {
        if (string.IsNullOrEmpty(path) || path == "/")
        {
            return "/";
        }

        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment);
        }

        var builder = new StringBuilder(path.Length + 16);
        foreach (var segment in segments)
        {
            builder.Append('/');
            Encode(builder, segment);
        }

        var last = path[(path.LastIndexOf('/') + 1)..];
        if (segments.Count == 0 || path.EndsWith('/') || last is "." or "..")
        {
            builder.Append('/');
        }

        return builder.ToString();
    }

    /// <summary>
    /// The canonical query: each wire parameter percent-decoded, then name and value URI-encoded (RFC 3986 unreserved
    /// characters only), sorted by name then value, joined with '&amp;'; a parameter without '=' has an empty value.
    /// </summary>
    public static string CanonicalQuery(string? query)
    {
        var text = query is { Length: > 0 } && query[0] == '?' ? query[1..] : query;
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var parameter in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? parameter : parameter[..equals];
            var value = equals < 0 ? "" : parameter[(equals + 1)..];
            pairs.Add((Encode(Uri.UnescapeDataString(name)), Encode(Uri.UnescapeDataString(value))));
        }

        pairs.Sort((a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>A header value trimmed, with runs of spaces collapsed to one (SigV4 "Trimall").</summary>
    public static string TrimAll(string value)
    {
        var trimmed = value.AsSpan().Trim();
        if (trimmed.IndexOf("  ") < 0 && trimmed.IndexOfAny('\t', '\n') < 0)
        {
            return trimmed.Length == value.Length ? value : trimmed.ToString();
        }

        var builder = new StringBuilder(trimmed.Length);
        var space = false;
        foreach (var c in trimmed)
        {
            var isSpace = c is ' ' or '\t' or '\n' or '\r';
            if (!isSpace || !space)
            {
                builder.Append(isSpace ? ' ' : c);
            }

            space = isSpace;
        }

        return builder.ToString();
    }

    /// <summary>URI-encodes a string's UTF-8 bytes: unreserved characters stay, everything else becomes %XX.</summary>
    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        Encode(builder, value);
        return builder.ToString();
    }

    private static void Encode(StringBuilder builder, string value)
    {
        Span<byte> one = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(one);
            for (var i = 0; i < length; i++)
            {
                var b = one[i];
                if (Unreserved.Contains(b))
                {
                    builder.Append((char)b);
                }
                else
                {
                    builder.Append('%').Append(HexUpper[b >> 4]).Append(HexUpper[b & 0xF]);
                }
            }
        }
    }

    private const string HexUpper = "0123456789ABCDEF";
}
