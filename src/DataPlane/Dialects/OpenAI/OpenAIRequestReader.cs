using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Dialects.OpenAI;

/// <summary>
/// Reads a whole Chat Completions body into a <see cref="ChatRequest"/> in one <see cref="Utf8JsonReader"/> pass.
/// Fields the canonical model does not hold go to <see cref="ChatRequest.Extra"/>. Never throws on bad input.
/// </summary>
internal static class OpenAIRequestReader
{
    public const string InvalidJsonMessage =
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)";

    private static readonly string[] Known =
    [
        "model", "messages", "tools", "tool_choice", "parallel_tool_calls", "response_format", "stop", "temperature",
        "top_p", "max_completion_tokens", "max_tokens", "seed", "user", "safety_identifier", "n", "frequency_penalty",
        "presence_penalty", "reasoning_effort", "stream", "stream_options",
    ];

    private static readonly byte[][] KnownUtf8 = [.. Known.Select(System.Text.Encoding.UTF8.GetBytes)];

    public static ChatRequest? Read(ReadOnlySpan<byte> body, out GatewayError? error)
    {
        try
        {
            error = null;
            return ReadCore(body);
        }
        catch (OpenAIRequestException ex)
        {
            error = ex.ToError();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not valid UTF-8.
            error = GatewayError.InvalidRequest(InvalidJsonMessage, null, "invalid_json");
        }

        return null;
    }

    private static ChatRequest ReadCore(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The request body must be a JSON object.");
        }

        var request = new ChatRequest();
        var fields = new TopLevel();
        while (JsonValues.NextProperty(ref reader))
        {
            var name = KnownName(ref reader);
            var key = name ?? reader.GetString()!;
            JsonValues.Value(ref reader);
            try
            {
                if (name is null)
                {
                    (request.Extra ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[key] = JsonElement.ParseValue(ref reader);
                }
                else
                {
                    ReadField(ref reader, name, request, ref fields);
                }
            }
            catch (OpenAIRequestException ex)
            {
                throw ex.Prefix(key);
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new JsonException("Trailing data after the JSON object.");
        }

        if (string.IsNullOrEmpty(request.Model))
        {
            throw new OpenAIRequestException("you must provide a model parameter", OpenAIRequestException.MissingParameter, "model");
        }

        if (!fields.HasMessages)
        {
            throw OpenAIRequestException.Missing("messages");
        }

        if (fields.MaxCompletionTokens is not null && fields.MaxTokens is not null)
        {
            // OpenAI's own answer. Taking one of them would let the other reach a pass-through upstream unchecked.
            throw new OpenAIRequestException(
                "Setting 'max_tokens' and 'max_completion_tokens' at the same time is not supported.", "invalid_parameter_combination", "max_tokens");
        }

        request.MaxTokens = fields.MaxCompletionTokens ?? fields.MaxTokens;
        request.MaxTokensParam = fields.MaxCompletionTokens is not null ? "max_completion_tokens" : "max_tokens";
        request.User = fields.User ?? fields.SafetyIdentifier;
        request.IncludeUsage = request.Stream && fields.IncludeUsage;
        return request;
    }

    private static void ReadField(ref Utf8JsonReader reader, string name, ChatRequest request, ref TopLevel fields)
    {
        switch (name)
        {
            case "model":
                request.Model = JsonValues.String(ref reader);
                break;
            case "messages":
                fields.HasMessages = true;
                OpenAIMessageReader.ReadAll(ref reader, request);
                break;
            case "tools":
                OpenAIToolReader.ReadTools(ref reader, request.Tools);
                break;
            case "tool_choice":
                request.ToolChoice = OpenAIToolChoiceReader.Read(ref reader);
                break;
            case "parallel_tool_calls":
                request.ParallelToolCalls = JsonValues.OptionalBool(ref reader);
                break;
            case "response_format":
                request.ResponseFormat = OpenAIResponseFormatReader.Read(ref reader);
                break;
            case "stop":
                request.Stop = OpenAIOptionReader.ReadStop(ref reader);
                break;
            case "temperature":
                request.Temperature = JsonValues.OptionalDouble(ref reader, 0, 2);
                break;
            case "top_p":
                request.TopP = JsonValues.OptionalDouble(ref reader, 0, 1);
                break;
            case "max_completion_tokens":
                fields.MaxCompletionTokens = JsonValues.OptionalInt(ref reader, 1);
                break;
            case "max_tokens":
                fields.MaxTokens = JsonValues.OptionalInt(ref reader, 1);
                break;
            case "seed":
                request.Seed = JsonValues.OptionalLong(ref reader, long.MinValue, long.MaxValue);
                break;
            case "user":
                fields.User = JsonValues.OptionalString(ref reader);
                break;
            case "safety_identifier":
                fields.SafetyIdentifier = JsonValues.OptionalString(ref reader);
                break;
            case "n":
                request.N = JsonValues.OptionalInt(ref reader, 1, 128);
                break;
            case "frequency_penalty":
                request.FrequencyPenalty = JsonValues.OptionalDouble(ref reader, -2, 2);
                break;
            case "presence_penalty":
                request.PresencePenalty = JsonValues.OptionalDouble(ref reader, -2, 2);
                break;
            case "reasoning_effort":
                request.ReasoningEffort = JsonValues.OptionalString(ref reader);
                break;
            case "stream":
                request.Stream = JsonValues.OptionalBool(ref reader) ?? false;
                break;
            case "stream_options":
                fields.IncludeUsage = OpenAIOptionReader.ReadIncludeUsage(ref reader);
                break;
        }
    }

    private static string? KnownName(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < KnownUtf8.Length; i++)
        {
            if (reader.ValueTextEquals(KnownUtf8[i]))
            {
                return Known[i];
            }
        }

        return null;
    }

    /// <summary>Top-level values resolved after the whole body was read (their order in the body is free).</summary>
    private struct TopLevel
    {
        public bool HasMessages;
        public int? MaxCompletionTokens;
        public int? MaxTokens;
        public string? User;
        public string? SafetyIdentifier;
        public bool IncludeUsage;
    }
}
