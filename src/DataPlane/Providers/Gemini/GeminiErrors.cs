using System.Globalization;
using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Providers.Upstream;

namespace Switchyard.DataPlane.Providers.Gemini;

/// <summary>
/// Maps Gemini's <c>{"error":{code,message,status,details}}</c> to the caller's error. An invalid key is a 400 with
/// ErrorInfo <c>API_KEY_INVALID</c> (and UNAUTHENTICATED/PERMISSION_DENIED are credential failures too): the gateway's
/// credential was refused, so the caller gets 502. A 429's <c>RetryInfo.retryDelay</c> ("41s") becomes retry-after.
/// </summary>
internal static class GeminiErrors
{
    public static async Task<GatewayError> FromExchangeAsync(UpstreamExchange exchange)
    {
        if (exchange.TransportError is { } transport)
        {
            return transport;
        }

        var body = await exchange.ReadErrorBodyAsync();
        var root = UpstreamErrors.ParseBody(body);
        var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) ? e : default;
        return FromError(exchange.Status, error, exchange.RetryAfter());
    }

    /// <summary>An error object (from an HTTP error body or a <c>data: {"error":...}</c> event mid-stream).</summary>
    public static GatewayError FromError(int status, JsonElement error, string? retryAfterHeader)
    {
        var message = GeminiWire.Str(error, "message");
        var grpcStatus = GeminiWire.Str(error, "status");
        if (status == 0)
        {
            status = GeminiWire.Int(error, "code") is var code and >= 400 ? code : StatusFor(grpcStatus);
        }

        string? reason = null;
        string? retryDelay = null;
        if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
        {
            foreach (var detail in details.EnumerateArray())
            {
                reason ??= GeminiWire.Str(detail, "reason");
                retryDelay ??= GeminiWire.Str(detail, "retryDelay");
            }
        }

        if (reason is "API_KEY_INVALID" or "API_KEY_EXPIRED" || grpcStatus == "UNAUTHENTICATED")
        {
            return UpstreamErrors.FromStatus(401, message);
        }

        if (grpcStatus == "PERMISSION_DENIED")
        {
            return UpstreamErrors.FromStatus(403, message);
        }

        var contextLength = status == 400 && UpstreamErrors.IsContextLength(message) ? "context_length_exceeded" : null;
        return UpstreamErrors.FromStatus(status, message, contextLength, Seconds(retryDelay) ?? retryAfterHeader);
    }

    /// <summary>A google.protobuf.Duration ("41s", "0.5s") in whole seconds, rounded up; null when unreadable.</summary>
    internal static string? Seconds(string? duration)
    {
        if (duration is not { Length: > 1 } || duration[^1] != 's'
            || !double.TryParse(duration.AsSpan(0, duration.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        return Math.Max(1, (int)Math.Ceiling(seconds)).ToString(CultureInfo.InvariantCulture);
    }

    private static int StatusFor(string? grpcStatus) => grpcStatus switch
    {
        "INVALID_ARGUMENT" or "FAILED_PRECONDITION" or "OUT_OF_RANGE" => 400,
        "UNAUTHENTICATED" => 401,
        "PERMISSION_DENIED" => 403,
        "NOT_FOUND" => 404,
        "RESOURCE_EXHAUSTED" => 429,
        "UNAVAILABLE" => 503,
        "DEADLINE_EXCEEDED" => 504,
        _ => 500,
    };
}
