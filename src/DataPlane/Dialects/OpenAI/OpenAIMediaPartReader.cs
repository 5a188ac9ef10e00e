using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Dialects.OpenAI;

/// <summary>The media parts of message content: <c>image_url</c> (https or data: URL) and <c>file</c> (inline data).</summary>
internal static class OpenAIMediaPartReader
{
    public static (string? Url, string? Detail) ReadImageUrl(ref Utf8JsonReader reader)
    {
        JsonValues.ExpectObject(ref reader);
        string? url = null, detail = null;
        while (JsonValues.NextProperty(ref reader))
        {
            var isUrl = reader.ValueTextEquals("url"u8);
            var isDetail = !isUrl && reader.ValueTextEquals("detail"u8);
            JsonValues.Value(ref reader);
            if (isUrl)
            {
                url = JsonValues.Field(ref reader, "url", static (ref Utf8JsonReader r) => JsonValues.String(ref r));
            }
            else if (isDetail)
            {
                detail = JsonValues.Field(ref reader, "detail", static (ref Utf8JsonReader r) => JsonValues.OptionalString(ref r));
            }
            else
            {
                reader.Skip();
            }
        }

        return (url, detail);
    }

    public static (string? Data, string? FileName, bool HasFileId) ReadFile(ref Utf8JsonReader reader)
    {
        JsonValues.ExpectObject(ref reader);
        string? data = null, fileName = null;
        var hasFileId = false;
        while (JsonValues.NextProperty(ref reader))
        {
            var isData = reader.ValueTextEquals("file_data"u8);
            var isName = !isData && reader.ValueTextEquals("filename"u8);
            hasFileId |= !isData && !isName && reader.ValueTextEquals("file_id"u8);
            JsonValues.Value(ref reader);
            if (isData)
            {
                data = JsonValues.Field(ref reader, "file_data", static (ref Utf8JsonReader r) => JsonValues.OptionalString(ref r));
            }
            else if (isName)
            {
                fileName = JsonValues.Field(ref reader, "filename", static (ref Utf8JsonReader r) => JsonValues.OptionalString(ref r));
            }
            else
            {
                reader.Skip();
            }
        }

        return (data, fileName, hasFileId);
    }

    public static ContentPart Image(bool hasImage, string? url, string? detail)
    {
        if (!hasImage)
        {
            throw OpenAIRequestException.Missing("image_url");
        }

        if (url is null)
        {
            throw OpenAIRequestException.Missing("image_url.url");
        }

        if (detail is not (null or "auto" or "low" or "high"))
        {
            throw OpenAIRequestException.Unsupported(detail, "'auto', 'low', and 'high'", "image_url.detail");
        }

        if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return ContentPart.FromImageUrl(url, detail);
        }

        if (DataUrl.IsBase64(url))
        {
            return ContentPart.FromImageUrl(url, detail);
        }

        throw OpenAIRequestException.Invalid(
            "expected an https URL or a base64-encoded data URL with an image MIME type (e.g. 'data:image/png;base64,aW1nIGJ5dGVzIGhlcmU=').",
            "image_url.url");
    }

    public static ContentPart Document(bool hasFile, string? data, string? fileName, bool hasFileId)
    {
        if (!hasFile)
        {
            throw OpenAIRequestException.Missing("file");
        }

        if (data is null)
        {
            throw hasFileId
                ? new OpenAIRequestException("File references ('{param}') are not supported by this gateway; send the file inline as 'file.file_data'.", OpenAIRequestException.InvalidValue, "file.file_id")
                : OpenAIRequestException.Missing("file.file_data");
        }

        if (DataUrl.IsBase64(data))
        {
            var part = ContentPart.FromImageUrl(data);
            return part.Kind == ContentPartKind.Document ? part : new ContentPart { Kind = ContentPartKind.Document, MediaType = part.MediaType, Data = part.Data };
        }

        // Raw base64 (no data: prefix) is accepted for PDFs named as such.
        if (fileName is not null && fileName.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) && !data.Contains(':', StringComparison.Ordinal))
        {
            return new ContentPart { Kind = ContentPartKind.Document, MediaType = "application/pdf", Data = data };
        }

        throw OpenAIRequestException.Invalid(
            "expected a base64-encoded data URL (e.g. 'data:application/pdf;base64,JVBERi0xLjQK...').", "file.file_data");
    }
}
