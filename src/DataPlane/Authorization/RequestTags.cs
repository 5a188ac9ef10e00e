using Microsoft.Extensions.Primitives;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Authorization;

/// <summary>
/// The request's attribution tags: the key's own, plus those of the <c>x-switchyard-tags</c> header (comma-separated,
/// <see cref="TagRules"/>) when the key allows request tags. A header on a key that does not allow it is refused rather than
/// ignored, so a caller never believes its spend is attributed when it is not. Without the header nothing is allocated.
/// </summary>
public static class RequestTags
{
    /// <summary>The tags to record, or an error message for the caller (400).</summary>
    public static IReadOnlyList<string>? Resolve(KeySnapshot key, StringValues header, out string? error)
    {
        error = null;
        if (StringValues.IsNullOrEmpty(header))
        {
            return key.Tags;
        }

        if (!key.AllowRequestTags)
        {
            error = $"This API key does not allow request tags: remove the {TagRules.Header} header, or allow request tags on the key.";
            return null;
        }

        var tags = new List<string>(key.Tags ?? []);
        var added = 0;
        foreach (var value in header)
        {
            foreach (var range in value.AsSpan().Split(','))
            {
                var tag = value.AsSpan()[range].Trim();
                if (tag.IsEmpty)
                {
                    continue;
                }

                if (!TagRules.IsValid(tag))
                {
                    error = $"The {TagRules.Header} header has an invalid tag '{Printable(tag)}'. {TagRules.FormatMessage}";
                    return null;
                }

                if (++added > TagRules.MaxRequestTags)
                {
                    error = $"The {TagRules.Header} header may carry at most {TagRules.MaxRequestTags} tags.";
                    return null;
                }

                var text = tag.ToString();
                if (!tags.Contains(text, StringComparer.Ordinal))
                {
                    tags.Add(text);
                }
            }
        }

        return tags.Count == 0 ? null : tags;
    }

    private static string Printable(ReadOnlySpan<char> tag)
    {
        var shown = tag.Length > TagRules.MaxLength ? tag[..TagRules.MaxLength] : tag;
        Span<char> buffer = stackalloc char[shown.Length];
        for (var i = 0; i < shown.Length; i++)
        {
            buffer[i] = char.IsControl(shown[i]) ? '?' : shown[i];
        }

        return new string(buffer);
    }
}
