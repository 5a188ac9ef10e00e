using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.Gemini;

/// <summary>MIME types Gemini needs for media parts when the caller gave none.</summary>
internal static class GeminiMediaTypes
{
    public static string Default(ContentPartKind kind) => kind == ContentPartKind.Document ? "application/pdf" : "image/jpeg";

    /// <summary>The media type from the URL's file extension (query and fragment ignored), else the kind's default.</summary>
    public static string Guess(string url, ContentPartKind kind)
    {
        var path = url.AsSpan();
        var end = path.IndexOfAny('?', '#');
        if (end >= 0)
        {
            path = path[..end];
        }

        var dot = path.LastIndexOf('.');
        var extension = dot >= 0 && path.LastIndexOf('/') < dot ? path[(dot + 1)..].ToString().ToLowerInvariant() : "";
        return extension switch
        {
            "png" => "image/png",
            "jpg" or "jpeg" => "image/jpeg",
            "gif" => "image/gif",
            "webp" => "image/webp",
            "heic" => "image/heic",
            "heif" => "image/heif",
            "pdf" => "application/pdf",
            "txt" => "text/plain",
            "mp3" => "audio/mpeg",
            "wav" => "audio/wav",
            "mp4" => "video/mp4",
            _ => Default(kind),
        };
    }
}
