using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Dialects.Anthropic;

/// <summary>
/// One <see cref="Utf8JsonReader"/> pass over a Messages body: validates JSON (text included, see <see cref="JsonText"/>)
/// and the required fields, extracts model/stream. The parser runs it first, so it never meets undecodable text.
/// </summary>
internal static class AnthropicRequestScanner
{
    private const string NotJson = "There was an error parsing the body of your request: it is not valid JSON.";

    public static ChatRequestInfo? Scan(ReadOnlySpan<byte> body, bool requireMaxTokens, out GatewayError? error)
    {
        error = null;
        string? model = null;
        string? modelProblem = "Field required";
        string? maxTokensProblem = requireMaxTokens ? "Field required" : null;
        string? messagesProblem = "Field required";
        string? streamProblem = null;
        var stream = false;
        if (!JsonText.IsDecodable(body))
        {
            error = Invalid(NotJson, null);
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = Invalid("The request body must be a JSON object.", null);
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("model"u8))
                {
                    reader.Read();
                    model = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    modelProblem = model is { Length: > 0 } ? null : reader.TokenType == JsonTokenType.String ? "String should have at least 1 character" : "Input should be a valid string";
                }
                else if (reader.ValueTextEquals("max_tokens"u8))
                {
                    reader.Read();
                    maxTokensProblem = MaxTokensProblem(ref reader);
                }
                else if (reader.ValueTextEquals("messages"u8))
                {
                    reader.Read();
                    messagesProblem = MessagesProblem(ref reader);
                }
                else if (reader.ValueTextEquals("stream"u8))
                {
                    reader.Read();
                    stream = reader.TokenType == JsonTokenType.True;
                    streamProblem = reader.TokenType is JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null ? null : "Input should be a valid boolean";
                }

                reader.Skip();
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                error = Invalid("There was an error parsing the body of your request: it is not a single JSON object.", null);
                return null;
            }
        }
        catch (JsonException)
        {
            error = Invalid(NotJson, null);
            return null;
        }

        error = modelProblem is not null ? Field("model", modelProblem)
            : maxTokensProblem is not null ? Field("max_tokens", maxTokensProblem)
            : messagesProblem is not null ? Field("messages", messagesProblem)
            : streamProblem is not null ? Field("stream", streamProblem)
            : null;
        return error is null ? new ChatRequestInfo(model!, stream, IncludeUsage: true) : null;
    }

    /// <summary>A 400 whose message starts with the field path, Anthropic style ("max_tokens: Field required").</summary>
    public static GatewayError Field(string path, string problem) =>
        GatewayError.InvalidRequest($"{path}: {problem}", ToParam(path), problem == "Field required" ? "missing_required_parameter" : "invalid_request_error");

    /// <summary>"messages.1.content.0.type" → "messages[1].content[0].type" (the OpenAI-style param).</summary>
    public static string ToParam(string path)
    {
        var segments = path.Split('.');
        var result = new System.Text.StringBuilder(path.Length + 8);
        foreach (var segment in segments)
        {
            if (segment.Length > 0 && segment.All(char.IsAsciiDigit) && result.Length > 0)
            {
                result.Append('[').Append(segment).Append(']');
            }
            else
            {
                if (result.Length > 0)
                {
                    result.Append('.');
                }

                result.Append(segment);
            }
        }

        return result.ToString();
    }

    private static GatewayError Invalid(string message, string? param) => GatewayError.InvalidRequest(message, param, "invalid_json");

    private static string? MaxTokensProblem(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value))
        {
            return "Input should be a valid integer";
        }

        return value < 1 ? "Input should be greater than or equal to 1" : null;
    }

    private static string? MessagesProblem(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return "Input should be a valid list";
        }

        var count = 0;
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth))
        {
            count++;
            reader.Skip();
        }

        return count == 0 ? "at least one message is required" : null;
    }
}
