using System.Globalization;
using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Providers.Upstream;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>
/// Maps OpenAI-family error bodies to gateway errors, keeping the upstream message: OpenAI's
/// <c>{"error":{message,type,param,code}}</c>, Azure's (string <c>code</c> such as <c>"429"</c>, content filter
/// <c>innererror</c>), vLLM's (integer <c>code</c>) and the flat <c>{"object":"error","message",…}</c> of older vLLM
/// and Mistral, Ollama's. Context-length failures become 400 <c>context_length_exceeded</c>.
/// </summary>
internal static class OpenAIErrorReader
{
    /// <summary>
    /// The error for a non-2xx response with this body. A body that is not JSON (an HTML page, a proxy's or a stack
    /// trace's text) is never echoed to the caller: only its status is used.
    /// </summary>
    public static GatewayError FromResponse(int status, ReadOnlySpan<byte> body, string? retryAfter)
    {
        var root = UpstreamErrors.ParseBody(body);
        return root.ValueKind == JsonValueKind.Undefined
            ? UpstreamErrors.FromStatus(status, null, retryAfter: retryAfter)
            : FromJson(status, root, retryAfter);
    }

    /// <summary>
    /// The error for an error object that came without an error status: a <c>data: {"error":…}</c> event after the stream
    /// started, or a 2xx error body. The status is inferred from the body (vLLM's numeric <c>code</c>, the type).
    /// </summary>
    public static GatewayError FromErrorObject(JsonElement root)
    {
        var error = OpenAIWire.Child(root, "error"u8);
        var status = NumericCode(error) ?? OpenAIWire.Int(error, "status"u8) ?? (OpenAIWire.String(error, "code"u8) ?? OpenAIWire.String(error, "type"u8)) switch
        {
            "rate_limit_exceeded" or "rate_limit_error" or "tokens" or "requests" or "insufficient_quota" => 429,
            "context_length_exceeded" or "invalid_request_error" or "content_filter" => 400,
            "overloaded_error" => 503,
            _ => 500,
        };
        return FromJson(status is >= 400 and <= 599 ? status : 500, root, null);
    }

    /// <summary>True when a 2xx JSON body is an error object instead of an answer.</summary>
    public static bool IsError(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && ((root.TryGetProperty("error"u8, out var error) && error.ValueKind is JsonValueKind.Object or JsonValueKind.String)
            || OpenAIWire.String(root, "object"u8) == "error");

    private static GatewayError FromJson(int status, JsonElement root, string? retryAfter)
    {
        var error = root;
        string? message = null;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error"u8, out var inner))
        {
            if (inner.ValueKind == JsonValueKind.Object)
            {
                error = inner;
            }
            else if (inner.ValueKind == JsonValueKind.String)
            {
                message = inner.GetString();
            }
        }

        message ??= Message(error, "message"u8) ?? Message(root, "detail"u8);
        var code = OpenAIWire.String(error, "code"u8);
        if (code is not null && int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            code = null; // Azure's "429": the status says it already
        }

        code ??= OpenAIWire.String(error, "type"u8) is "insufficient_quota" ? "insufficient_quota" : null;
        if (code == "content_filter" || OpenAIWire.String(OpenAIWire.Child(error, "innererror"u8), "code"u8) == "ResponsibleAIPolicyViolation")
        {
            code = "content_filter";
        }
        else if (code == "DeploymentNotFound")
        {
            code = "model_not_found";
        }

        var param = OpenAIWire.String(error, "param"u8);
        if (code == "context_length_exceeded" || (status is 400 or 413 or 422 && UpstreamErrors.IsContextLength(message)))
        {
            return GatewayError.InvalidRequest(message ?? "The prompt is longer than the model's context window.", param, "context_length_exceeded");
        }

        return UpstreamErrors.FromStatus(status, message, code, retryAfter, param);
    }

    private static string? Message(JsonElement element, ReadOnlySpan<byte> name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Object or JsonValueKind.Array => value.GetRawText(), // Mistral/FastAPI validation details
                _ => null,
            }
            : null;

    private static int? NumericCode(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object || !error.TryGetProperty("code"u8, out var code))
        {
            return null;
        }

        return code.ValueKind switch
        {
            JsonValueKind.Number when code.TryGetInt32(out var number) => number,
            JsonValueKind.String when int.TryParse(code.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        };
    }
}
