using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Providers.Upstream;

namespace Switchyard.DataPlane.Providers.Anthropic;

/// <summary>
/// Anthropic errors (<c>{"type":"error","error":{"type","message"},"request_id"}</c>) → gateway errors, for HTTP
/// failures and for <c>event: error</c> after the stream started (provider-wire-formats §3.5).
/// </summary>
internal static class AnthropicErrors
{
    /// <summary>The error of a failed exchange: its transport error, or the mapped status and body.</summary>
    public static async Task<GatewayError> FromExchangeAsync(UpstreamExchange exchange)
    {
        if (exchange.TransportError is { } transport)
        {
            return transport;
        }

        var body = UpstreamErrors.ParseBody(await exchange.ReadErrorBodyAsync());
        var error = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var e) ? e : default;
        return FromStatus(exchange.Status, UpstreamErrors.GetString(error, "message"), exchange.RetryAfter());
    }

    /// <summary>An <c>event: error</c> payload: the error type stands for the status Anthropic would have sent.</summary>
    public static GatewayError FromStreamEvent(JsonElement root)
    {
        var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) ? e : default;
        var status = UpstreamErrors.GetString(error, "type") switch
        {
            "invalid_request_error" => 400,
            "authentication_error" => 401,
            "permission_error" => 403,
            "not_found_error" => 404,
            "request_too_large" => 413,
            "rate_limit_error" => 429,
            "overloaded_error" => 529,
            _ => 500, // api_error and unknown types
        };
        return FromStatus(status, UpstreamErrors.GetString(error, "message"), null);
    }

    private static GatewayError FromStatus(int status, string? message, string? retryAfter)
    {
        var code = status == 400 && UpstreamErrors.IsContextLength(message) ? "context_length_exceeded" : null;
        return UpstreamErrors.FromStatus(status, message, code, retryAfter);
    }
}
