using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Dialects.OpenAI;

/// <summary>One pass over a chat completions body with <see cref="Utf8JsonReader"/>: validates JSON, extracts model/stream.</summary>
public static class ChatRequestParser
{
    private const string InvalidJsonMessage = OpenAIRequestReader.InvalidJsonMessage;

    /// <summary>
    /// Returns null and an OpenAI-style message/param when the body is not acceptable, including text that is not
    /// UTF-8 or escapes a lone surrogate (see <see cref="JsonText"/>).
    /// </summary>
    public static ChatRequestInfo? Parse(ReadOnlySpan<byte> body, out string? error, out string? param)
    {
        error = null;
        param = null;
        string? model = null;
        var stream = false;
        var includeUsage = false;
        var messages = -1;
        if (!JsonText.IsDecodable(body))
        {
            error = InvalidJsonMessage;
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "The request body must be a JSON object.";
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("model"u8))
                {
                    reader.Read();
                    model = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("stream"u8))
                {
                    reader.Read();
                    stream = reader.TokenType == JsonTokenType.True;
                    reader.Skip(); // an object or array here is the full parse's type error, not unreadable JSON
                }
                else if (reader.ValueTextEquals("stream_options"u8))
                {
                    reader.Read();
                    includeUsage = ReadIncludeUsage(ref reader);
                }
                else if (reader.ValueTextEquals("messages"u8))
                {
                    reader.Read();
                    messages = CountArray(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                error = "We could not parse the JSON body of your request.";
                return null;
            }
        }
        catch (JsonException)
        {
            error = InvalidJsonMessage;
            return null;
        }

        if (string.IsNullOrEmpty(model))
        {
            (error, param) = ("you must provide a model parameter", "model");
            return null;
        }

        if (messages <= 0)
        {
            (error, param) = (messages < 0 ? "Missing required parameter: 'messages'." : "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", "messages");
            return null;
        }

        return new ChatRequestInfo(model, stream, stream && includeUsage);
    }

    private static bool ReadIncludeUsage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }

        var result = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isUsage = reader.ValueTextEquals("include_usage"u8);
            reader.Read();
            if (isUsage)
            {
                result = reader.TokenType == JsonTokenType.True;
            }

            reader.Skip();
        }

        return result;
    }

    private static int CountArray(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return -1;
        }

        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            count++;
            reader.Skip();
        }

        return count;
    }
}
