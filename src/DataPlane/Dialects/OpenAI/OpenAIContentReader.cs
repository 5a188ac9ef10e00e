using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Dialects.OpenAI;

/// <summary>
/// Reads a message's <c>content</c>: a string, null, or an array of parts (<c>text</c>, <c>refusal</c>,
/// <c>image_url</c>, <c>file</c>). Errors name the path relative to the content (e.g. <c>[1].image_url.url</c>).
/// </summary>
internal static class OpenAIContentReader
{
    /// <summary>
    /// The parts, or null for a JSON null. <paramref name="firstNonText"/> is the index of the first media part (-1 when
    /// all parts are text), so roles that only accept text can name it.
    /// </summary>
    public static List<ContentPart>? Read(ref Utf8JsonReader reader, out int firstNonText)
    {
        firstNonText = -1;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return [ContentPart.FromText(reader.GetString()!)];
            case JsonTokenType.StartArray:
                break;
            default:
                throw JsonValues.TypeError(ref reader, "one of a string or array of objects");
        }

        var parts = new List<ContentPart>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            try
            {
                var part = ReadPart(ref reader);
                if (part.Kind != ContentPartKind.Text && firstNonText < 0)
                {
                    firstNonText = parts.Count;
                }

                parts.Add(part);
            }
            catch (OpenAIRequestException ex)
            {
                throw ex.Prefix($"[{parts.Count}]");
            }
        }

        return parts.Count > 0 ? parts : throw OpenAIRequestException.Invalid(
            "empty array. Expected an array with minimum length 1, but got an empty array instead.");
    }

    private static ContentPart ReadPart(ref Utf8JsonReader reader)
    {
        JsonValues.ExpectObject(ref reader);
        string? type = null, text = null, url = null, detail = null, fileData = null, fileName = null;
        bool hasImage = false, hasFile = false, hasFileId = false;
        while (JsonValues.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("type"u8))
            {
                JsonValues.Value(ref reader);
                type = JsonValues.Field(ref reader, "type", static (ref Utf8JsonReader r) => JsonValues.String(ref r));
            }
            else if (reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("refusal"u8))
            {
                var name = reader.ValueTextEquals("text"u8) ? "text" : "refusal";
                JsonValues.Value(ref reader);
                text = JsonValues.Field(ref reader, name, static (ref Utf8JsonReader r) => JsonValues.String(ref r));
            }
            else if (reader.ValueTextEquals("image_url"u8))
            {
                JsonValues.Value(ref reader);
                hasImage = true;
                try
                {
                    (url, detail) = OpenAIMediaPartReader.ReadImageUrl(ref reader);
                }
                catch (OpenAIRequestException ex)
                {
                    throw ex.Prefix("image_url");
                }
            }
            else if (reader.ValueTextEquals("file"u8))
            {
                JsonValues.Value(ref reader);
                hasFile = true;
                try
                {
                    (fileData, fileName, hasFileId) = OpenAIMediaPartReader.ReadFile(ref reader);
                }
                catch (OpenAIRequestException ex)
                {
                    throw ex.Prefix("file");
                }
            }
            else
            {
                JsonValues.Value(ref reader);
                reader.Skip();
            }
        }

        return type switch
        {
            null => throw OpenAIRequestException.Missing("type"),
            "text" or "refusal" => ContentPart.FromText(text ?? throw OpenAIRequestException.Missing(type)),
            "image_url" => OpenAIMediaPartReader.Image(hasImage, url, detail),
            "file" => OpenAIMediaPartReader.Document(hasFile, fileData, fileName, hasFileId),
            "input_audio" => throw new OpenAIRequestException(
                "Audio input ('input_audio' content parts) is not supported by this gateway.", OpenAIRequestException.InvalidValue, "type"),
            _ => throw OpenAIRequestException.Unsupported(type, "'text', 'image_url', 'file', and 'refusal'", "type"),
        };
    }
}
