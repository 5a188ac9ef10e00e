using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.Upstream;

/// <summary>Maps a provider's HTTP failure to the caller's error; providers supply the message and any specific code.</summary>
public static class UpstreamErrors
{
    /// <summary>
    /// The gateway's error for an upstream status. 401/403 mean the provider refused the gateway's credential (the
    /// caller's key is fine), so they become 502; a redirect is never followed nor passed on (502); 5xx become 502 except
    /// overload (503/529); 4xx keep their status.
    /// </summary>
    public static GatewayError FromStatus(int status, string? message, string? code = null, string? retryAfter = null, string? param = null)
    {
        var text = string.IsNullOrWhiteSpace(message) ? $"The upstream provider returned HTTP {status}." : message;
        return status switch
        {
            >= 300 and < 400 => GatewayError.Upstream(
                $"The upstream provider answered with a redirect (HTTP {status}), which the gateway does not follow; check the deployment's base URL.", "upstream_redirect"),
            401 or 403 => GatewayError.Upstream($"The upstream provider rejected the gateway's credentials (HTTP {status}): {text}", "upstream_auth_failed"),
            404 => GatewayError.NotFound(text, param, code ?? "model_not_found"),
            408 or 504 => GatewayError.Timeout() with { Message = text },
            413 => new GatewayError(GatewayErrorKind.RequestTooLarge, 413, text) { Code = code ?? "request_too_large" },
            429 => new GatewayError(GatewayErrorKind.RateLimit, 429, text) { Code = code ?? "rate_limit_exceeded", RetryAfter = retryAfter ?? "1" },
            503 or 529 => new GatewayError(GatewayErrorKind.Overloaded, status, text) { Code = code ?? "overloaded", RetryAfter = retryAfter },
            >= 400 and < 500 => GatewayError.InvalidRequest(text, param, code) with { Status = status },
            _ => GatewayError.Upstream(text) with { RetryAfter = retryAfter },
        };
    }

    /// <summary>A string property of a JSON object, or null.</summary>
    public static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>
    /// Parses an error body leniently; default when it is not JSON, or not text every string read can decode (see
    /// <see cref="JsonText"/>), so the error mappers never meet a string that throws.
    /// </summary>
    public static JsonElement ParseBody(ReadOnlySpan<byte> body)
    {
        if (!JsonText.IsDecodable(body))
        {
            return default;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            return JsonElement.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>True when a provider message says the prompt is over the model's context window.</summary>
    public static bool IsContextLength(string? message) =>
        message is not null && (message.Contains("context length", StringComparison.OrdinalIgnoreCase)
            || message.Contains("context window", StringComparison.OrdinalIgnoreCase)
            || message.Contains("prompt is too long", StringComparison.OrdinalIgnoreCase)
            || message.Contains("too many tokens", StringComparison.OrdinalIgnoreCase)
            || message.Contains("input is too long", StringComparison.OrdinalIgnoreCase)
            || message.Contains("exceeds the maximum number of tokens", StringComparison.OrdinalIgnoreCase));
}
