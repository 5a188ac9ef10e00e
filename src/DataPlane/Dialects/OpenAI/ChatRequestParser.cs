using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Dialects.OpenAI;

/// <summary>
/// One pass over a chat completions body with <see cref="Utf8JsonReader"/>, allocating nothing but the model name:
/// validates JSON, extracts model/stream and the <see cref="RequestFeatures"/> a model's capabilities are checked against.
/// </summary>
public static class ChatRequestParser
{
    private const string InvalidJsonMessage = OpenAIRequestReader.InvalidJsonMessage;
    private const string InvalidJsonCode = "invalid_json";

    /// <summary>
    /// Returns null and an OpenAI-style message, param and code when the body is not acceptable, including text that is
    /// not UTF-8 or escapes a lone surrogate (see <see cref="JsonText"/>): <c>invalid_json</c> for a body that cannot be
    /// read, else the code of the missing, mistyped or empty parameter.
    /// </summary>
    public static ChatRequestInfo? Parse(ReadOnlySpan<byte> body, out string? error, out string? param, out string? code)
    {
        error = null;
        param = null;
        code = null;
        string? model = null;
        var stream = false;
        var includeUsage = false;
        var messages = -1;
        string? messagesType = null;
        bool tools = false, media = false, jsonSchema = false, unclear = false;
        long? maxTokens = null;
        if (!JsonText.IsDecodable(body))
        {
            (error, code) = (InvalidJsonMessage, InvalidJsonCode);
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                (error, code) = ("The request body must be a JSON object.", InvalidJsonCode);
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
                    messagesType = JsonTypeName(reader.TokenType);
                    messages = ScanMessages(ref reader, ref media);
                }
                else if (reader.ValueTextEquals("max_tokens"u8) || reader.ValueTextEquals("max_completion_tokens"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var limit))
                    {
                        unclear |= maxTokens is not null;
                        maxTokens = limit;
                    }
                    else
                    {
                        unclear |= reader.TokenType != JsonTokenType.Null;
                    }

                    reader.Skip();
                }
                else if (reader.ValueTextEquals("tools"u8))
                {
                    reader.Read();
                    tools = reader.TokenType != JsonTokenType.Null && !IsEmptyArray(ref reader);
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("response_format"u8))
                {
                    reader.Read();
                    jsonSchema = IsJsonSchema(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                (error, code) = ("We could not parse the JSON body of your request.", InvalidJsonCode);
                return null;
            }
        }
        catch (JsonException)
        {
            (error, code) = (InvalidJsonMessage, InvalidJsonCode);
            return null;
        }

        if (string.IsNullOrEmpty(model))
        {
            (error, param, code) = ("you must provide a model parameter", "model", OpenAIRequestException.MissingParameter);
            return null;
        }

        if (messages <= 0)
        {
            (error, code) = messages == 0
                ? ("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", OpenAIRequestException.InvalidValue)
                : messagesType is null ? ("Missing required parameter: 'messages'.", OpenAIRequestException.MissingParameter)
                : ($"Invalid type for 'messages': expected an array of objects, but got {messagesType} instead.", OpenAIRequestException.InvalidType);
            param = "messages";
            return null;
        }

        return new ChatRequestInfo(model, stream, stream && includeUsage, new RequestFeatures(tools, media, jsonSchema, maxTokens, unclear));
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

    /// <summary>OpenAI's name for a JSON value's type in its "invalid type" errors; null for null (a missing parameter) and arrays.</summary>
    private static string? JsonTypeName(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartObject => "an object",
        _ => null,
    };

    /// <summary>Counts the messages (-1 when not an array) and notes whether any content part is not text.</summary>
    private static int ScanMessages(ref Utf8JsonReader reader, ref bool media)
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
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isContent = reader.ValueTextEquals("content"u8);
                reader.Read();
                if (isContent && reader.TokenType == JsonTokenType.StartArray)
                {
                    media |= HasNonTextPart(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return count;
    }

    /// <summary>Positioned on a content array: true when a part's <c>type</c> is not <c>text</c> (reads to the array's end).</summary>
    private static bool HasNonTextPart(ref Utf8JsonReader reader)
    {
        var found = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("type"u8);
                reader.Read();
                found |= isType && !(reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("text"u8));
                reader.Skip();
            }
        }

        return found;
    }

    /// <summary>Positioned on a value: true for an empty array (the value is left for the caller to skip).</summary>
    private static bool IsEmptyArray(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var copy = reader;
        return copy.Read() && copy.TokenType == JsonTokenType.EndArray;
    }

    /// <summary>Positioned on <c>response_format</c>'s value: true when its <c>type</c> is <c>json_schema</c> (reads past it).</summary>
    private static bool IsJsonSchema(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }

        var found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            found |= isType && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("json_schema"u8);
            reader.Skip();
        }

        return found;
    }
}
