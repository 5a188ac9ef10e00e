using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Providers.Upstream;

namespace Switchyard.DataPlane.Providers.Bedrock;

/// <summary>
/// Bedrock failures to gateway errors. A non-2xx answer names its exception in <c>x-amzn-errortype</c>
/// (<c>ValidationException:http://internal.amazon.com/...</c>); an in-stream failure is an exception frame whose
/// <c>:exception-type</c> is the same name in camel case. The message is the body's <c>message</c> (or <c>Message</c>).
/// </summary>
internal static class BedrockErrors
{
    public static async Task<GatewayError> FromResponseAsync(UpstreamExchange exchange)
    {
        var body = await exchange.ReadErrorBodyAsync();
        return FromResponse(exchange.Status, exchange.Header("x-amzn-errortype"), body, exchange.RetryAfter());
    }

    public static GatewayError FromResponse(int status, string? errorTypeHeader, ReadOnlySpan<byte> body, string? retryAfter)
    {
        var type = errorTypeHeader is null ? null : errorTypeHeader.Split(':', 2)[0].Trim();
        return Map(type, status, Message(body), retryAfter);
    }

    /// <summary>The error for a <c>:message-type: exception</c> frame.</summary>
    public static GatewayError FromStreamException(string? exceptionType, ReadOnlySpan<byte> payload) =>
        Map(exceptionType, 0, Message(payload), null);

    private static GatewayError Map(string? type, int status, string? message, string? retryAfter)
    {
        switch (type?.ToLowerInvariant())
        {
            case "validationexception":
                return UpstreamErrors.FromStatus(400, message, UpstreamErrors.IsContextLength(message) ? "context_length_exceeded" : null);
            case "accessdeniedexception" or "unrecognizedclientexception" or "invalidsignatureexception"
                or "incompletesignatureexception" or "expiredtokenexception":
                return UpstreamErrors.FromStatus(403, message);
            case "resourcenotfoundexception":
                return UpstreamErrors.FromStatus(404, message);
            case "modeltimeoutexception":
                return UpstreamErrors.FromStatus(408, message);
            case "throttlingexception" or "modelnotreadyexception":
                return UpstreamErrors.FromStatus(429, message, retryAfter: retryAfter ?? "1");
            case "serviceunavailableexception":
                return UpstreamErrors.FromStatus(503, message, retryAfter: retryAfter);
            case "modelerrorexception" or "modelstreamerrorexception" or "internalserverexception":
                return GatewayError.Upstream(message ?? "The upstream model failed.");
            default:
                return status >= 400
                    ? UpstreamErrors.FromStatus(status, message, retryAfter: retryAfter)
                    : GatewayError.Upstream(message ?? $"The upstream provider reported {type ?? "an error"}.");
        }
    }

    private static string? Message(ReadOnlySpan<byte> body)
    {
        var root = UpstreamErrors.ParseBody(body);
        return UpstreamErrors.GetString(root, "message") ?? UpstreamErrors.GetString(root, "Message");
    }
}
