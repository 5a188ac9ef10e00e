using System.Text.Json;

namespace Switchyard.DataPlane.Dialects.OpenAI;

/// <summary>Reads the top-level options with a shape of their own: <c>stop</c> and <c>stream_options</c>.</summary>
internal static class OpenAIOptionReader
{
    public static List<string>? ReadStop(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return [reader.GetString()!];
            case JsonTokenType.StartArray:
                break;
            default:
                throw JsonValues.TypeError(ref reader, "one of a string or array of strings");
        }

        var stop = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            try
            {
                stop.Add(JsonValues.String(ref reader));
            }
            catch (OpenAIRequestException ex)
            {
                throw ex.Prefix($"[{stop.Count}]");
            }
        }

        return stop.Count > 4
            ? throw OpenAIRequestException.Invalid($"array too long. Expected an array with maximum length 4, but got an array with length {stop.Count} instead.")
            : stop.Count > 0 ? stop : null;
    }

    public static bool ReadIncludeUsage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        JsonValues.ExpectObject(ref reader);
        var includeUsage = false;
        while (JsonValues.NextProperty(ref reader))
        {
            var isUsage = reader.ValueTextEquals("include_usage"u8);
            JsonValues.Value(ref reader);
            if (!isUsage)
            {
                reader.Skip();
                continue;
            }

            try
            {
                includeUsage = JsonValues.OptionalBool(ref reader) ?? false;
            }
            catch (OpenAIRequestException ex)
            {
                throw ex.Prefix("include_usage");
            }
        }

        return includeUsage;
    }
}
