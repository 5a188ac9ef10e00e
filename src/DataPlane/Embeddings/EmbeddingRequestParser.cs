using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Embeddings;

/// <summary>
/// Reads an OpenAI <c>/v1/embeddings</c> body: model, input (string or array of strings), encoding_format, dimensions,
/// user. A body that is not exactly one JSON value of decodable text (see <see cref="JsonText"/>) is a 400.
/// </summary>
public static class EmbeddingRequestParser
{
    public const int MaxInputs = 2048;

    public static EmbeddingRequest? Parse(ReadOnlySpan<byte> body, out GatewayError? error)
    {
        error = null;
        if (!JsonText.IsDecodable(body) || ParseDocument(body) is not { } document)
        {
            error = GatewayError.InvalidRequest("We could not parse the JSON body of your request.", null, "invalid_json");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = GatewayError.InvalidRequest("The request body must be a JSON object.", null, "invalid_json");
                return null;
            }

            var request = new EmbeddingRequest();
            if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String || model.GetString() is not { Length: > 0 } name)
            {
                error = GatewayError.InvalidRequest("you must provide a model parameter", "model", "missing_required_parameter");
                return null;
            }

            request.Model = name;
            error = ReadInput(root, request) ?? ReadOptions(root, request);
            return error is null ? request : null;
        }
    }

    /// <summary>The body as one JSON value with nothing after it, or null.</summary>
    private static JsonDocument? ParseDocument(ReadOnlySpan<byte> body)
    {
        JsonDocument? document = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                throw new JsonException("Data after the JSON value.");
            }

            return document;
        }
        catch (JsonException)
        {
            document?.Dispose();
            return null;
        }
    }

    private static GatewayError? ReadInput(JsonElement root, EmbeddingRequest request)
    {
        if (!root.TryGetProperty("input", out var input))
        {
            return GatewayError.InvalidRequest("Missing required parameter: 'input'.", "input", "missing_required_parameter");
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            request.Inputs.Add(input.GetString()!);
        }
        else if (input.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in input.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return GatewayError.InvalidRequest(
                        "The gateway accepts 'input' as a string or an array of strings; token arrays are not supported (send the text instead).", "input", "invalid_type");
                }

                request.Inputs.Add(item.GetString()!);
            }
        }
        else
        {
            return GatewayError.InvalidRequest("'input' must be a string or an array of strings.", "input", "invalid_type");
        }

        if (request.Inputs.Count == 0 || request.Inputs.Count > MaxInputs)
        {
            return GatewayError.InvalidRequest($"'input' must hold between 1 and {MaxInputs} items.", "input", "invalid_value");
        }

        var empty = request.Inputs.FindIndex(s => s.Length == 0);
        return empty < 0 ? null : GatewayError.InvalidRequest("'input' must not contain empty strings.", empty == 0 && input.ValueKind == JsonValueKind.String ? "input" : $"input[{empty}]", "invalid_value");
    }

    private static GatewayError? ReadOptions(JsonElement root, EmbeddingRequest request)
    {
        if (root.TryGetProperty("encoding_format", out var format) && format.ValueKind != JsonValueKind.Null)
        {
            if (format.ValueKind == JsonValueKind.String && format.ValueEquals("base64"u8))
            {
                request.Base64 = true;
            }
            else if (format.ValueKind != JsonValueKind.String || !format.ValueEquals("float"u8))
            {
                return GatewayError.InvalidRequest("'encoding_format' must be 'float' or 'base64'.", "encoding_format", "invalid_value");
            }
        }

        if (root.TryGetProperty("dimensions", out var dimensions) && dimensions.ValueKind != JsonValueKind.Null)
        {
            if (dimensions.ValueKind != JsonValueKind.Number || !dimensions.TryGetInt32(out var value) || value < 1)
            {
                return GatewayError.InvalidRequest("'dimensions' must be a positive integer.", "dimensions", "invalid_value");
            }

            request.Dimensions = value;
        }

        if (root.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.String)
        {
            request.User = user.GetString();
        }

        return null;
    }
}
