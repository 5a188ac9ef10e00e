namespace Switchyard.DataPlane.Chat;

/// <summary>One piece of message content: text, or media given by URL or as base64 data.</summary>
public sealed class ContentPart
{
    public ContentPartKind Kind { get; init; }

    public string? Text { get; init; }

    /// <summary>An http(s) (or provider file) URL of the media; null when it is inline.</summary>
    public string? Url { get; init; }

    /// <summary>MIME type of inline media (e.g. image/png); may also be known for URLs.</summary>
    public string? MediaType { get; init; }

    /// <summary>Inline media as base64 (no <c>data:</c> prefix).</summary>
    public string? Data { get; init; }

    /// <summary>OpenAI image detail (auto, low, high), kept for OpenAI-shaped upstreams.</summary>
    public string? Detail { get; init; }

    public static ContentPart FromText(string text) => new() { Kind = ContentPartKind.Text, Text = text };

    /// <summary>Builds an image part from an OpenAI <c>image_url.url</c>: a <c>data:</c> URL becomes inline data.</summary>
    public static ContentPart FromImageUrl(string url, string? detail = null)
    {
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var comma = url.IndexOf(',', StringComparison.Ordinal);
            var header = comma > 5 ? url[5..comma] : "";
            var mediaType = header.Split(';')[0];
            var kind = mediaType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase) ? ContentPartKind.Document : ContentPartKind.Image;
            return new ContentPart { Kind = kind, MediaType = mediaType.Length > 0 ? mediaType : null, Data = comma >= 0 ? url[(comma + 1)..] : "", Detail = detail };
        }

        return new ContentPart { Kind = ContentPartKind.Image, Url = url, Detail = detail };
    }

    /// <summary>The media as a URL: the URL itself, or a <c>data:</c> URL built from inline data.</summary>
    public string ToUrl() => Url ?? $"data:{MediaType ?? "application/octet-stream"};base64,{Data}";
}
