using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Dialects.Anthropic;

/// <summary>Anthropic error shapes: <c>{"type":"error","error":{"type","message"},"request_id"}</c> and their statuses.</summary>
internal static class AnthropicErrors
{
    public const int OverloadedStatus = 529;

    /// <summary>The status and Anthropic error <c>type</c> for a gateway error.</summary>
    public static (int Status, string Type) Map(GatewayError error) => error.Kind switch
    {
        GatewayErrorKind.InvalidRequest => (error.Status is >= 400 and < 500 ? error.Status : StatusCodes.Status400BadRequest, "invalid_request_error"),
        GatewayErrorKind.Authentication => (StatusCodes.Status401Unauthorized, "authentication_error"),
        GatewayErrorKind.Permission => (StatusCodes.Status403Forbidden, "permission_error"),
        GatewayErrorKind.PaymentRequired => (StatusCodes.Status402PaymentRequired, "billing_error"),
        GatewayErrorKind.NotFound => (StatusCodes.Status404NotFound, "not_found_error"),
        GatewayErrorKind.RequestTooLarge => (StatusCodes.Status413PayloadTooLarge, "request_too_large"),
        GatewayErrorKind.RateLimit => (StatusCodes.Status429TooManyRequests, "rate_limit_error"),
        GatewayErrorKind.Overloaded => (OverloadedStatus, "overloaded_error"),
        GatewayErrorKind.Unavailable => (StatusCodes.Status503ServiceUnavailable, "api_error"),
        GatewayErrorKind.Upstream => (StatusCodes.Status502BadGateway, "api_error"),
        GatewayErrorKind.Timeout => (StatusCodes.Status504GatewayTimeout, "api_error"),
        _ => (StatusCodes.Status500InternalServerError, "api_error"),
    };

    /// <summary>
    /// Writes <c>{"type":"error","error":{...}}</c>, with <c>request_id</c> when given (HTTP errors, not stream events).
    /// The gateway's own error code (<c>guardrail_blocked</c>, <c>budget_exceeded</c>…), which Anthropic's shape has no
    /// field for, goes in an extra <c>error.code</c> that the SDKs ignore and callers can read.
    /// </summary>
    public static void WriteObject(Utf8JsonWriter w, string type, string message, string? code, string? requestId)
    {
        w.WriteStartObject();
        w.WriteString("type", "error");
        w.WriteStartObject("error");
        w.WriteString("type", type);
        w.WriteString("message", message);
        if (code is not null)
        {
            w.WriteString("code", code);
        }

        w.WriteEndObject();
        if (requestId is not null)
        {
            w.WriteString("request_id", requestId);
        }

        w.WriteEndObject();
    }

    /// <summary>Sets status and headers and writes the body (the response has not started).</summary>
    public static async Task WriteAsync(HttpContext context, string message, string? code, int status, string type)
    {
        var response = context.Response;
        var requestId = AnthropicIds.NewRequestId();
        using var buffer = new PooledBufferWriter(512);
        using (var w = new Utf8JsonWriter(buffer, AnthropicWire.WriterOptions))
        {
            WriteObject(w, type, message, code, requestId);
        }

        response.StatusCode = status;
        response.ContentType = "application/json";
        response.Headers["request-id"] = requestId;
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
