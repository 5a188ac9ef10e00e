using System.Text.Json;
using Switchyard.DataPlane.Dialects.OpenAI;
using Switchyard.DataPlane.Gateway;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>Turns a captured upstream error into the caller's response: OpenAI-shaped bodies pass through, others are wrapped.</summary>
public static class UpstreamErrorMapper
{
    public static Task WriteAsync(HttpContext context, GatewayRequestState state)
    {
        var upstreamStatus = state.UpstreamErrorStatus;
        var body = state.UpstreamErrorBody ?? [];

        if (upstreamStatus is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
        {
            // The provider rejected the gateway's credential; the caller's key is fine.
            return OpenAIError.WriteAsync(context, StatusCodes.Status502BadGateway,
                $"The upstream provider rejected the gateway's credentials (HTTP {upstreamStatus}).", OpenAIError.Upstream, null, "upstream_auth_failed");
        }

        // Overload (503, Anthropic-style 529) stays a retryable 503; other provider failures are the gateway's 502.
        var status = upstreamStatus switch
        {
            StatusCodes.Status503ServiceUnavailable or 529 => StatusCodes.Status503ServiceUnavailable,
            >= 500 => StatusCodes.Status502BadGateway,
            _ => upstreamStatus,
        };
        if (TryGetOpenAIErrorCode(body, out var code))
        {
            state.Fail(status, code ?? OpenAIError.Upstream);
            return OpenAIError.WriteRawAsync(context, status, body);
        }

        return OpenAIError.WriteAsync(context, status, $"The upstream provider returned HTTP {upstreamStatus}.", OpenAIError.Upstream, null, OpenAIError.Upstream);
    }

    /// <summary>True when the body is <c>{"error":{"message":...}}</c>; returns its code (or type).</summary>
    internal static bool TryGetOpenAIErrorCode(ReadOnlySpan<byte> body, out string? code)
    {
        code = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object
                || !error.TryGetProperty("message", out _))
            {
                return false;
            }

            if (error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String)
            {
                code = c.GetString();
            }
            else if (error.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String)
            {
                code = t.GetString();
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
