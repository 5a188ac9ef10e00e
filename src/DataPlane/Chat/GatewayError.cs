namespace Switchyard.DataPlane.Chat;

/// <summary>An error to return to the caller, in dialect-neutral form (see <see cref="GatewayErrorKind"/>).</summary>
/// <param name="Status">The HTTP status for the caller (dialects may adjust it, e.g. 529 for OpenAI callers).</param>
public sealed record GatewayError(GatewayErrorKind Kind, int Status, string Message)
{
    /// <summary>The request field at fault (OpenAI <c>param</c>), e.g. <c>messages[2].content</c>.</summary>
    public string? Param { get; init; }

    /// <summary>A machine-readable code, e.g. <c>model_not_found</c>, <c>context_length_exceeded</c>, <c>content_filter</c>.</summary>
    public string? Code { get; init; }

    /// <summary>
    /// A finer error <c>type</c> for dialects that have one beside the kind's (OpenAI's own rate limits say <c>requests</c>
    /// or <c>tokens</c>); null: the kind's type.
    /// </summary>
    public string? Type { get; init; }

    /// <summary>Seconds after which a retry may succeed (sent as <c>retry-after</c>).</summary>
    public string? RetryAfter { get; init; }

    public static GatewayError InvalidRequest(string message, string? param = null, string? code = null) =>
        new(GatewayErrorKind.InvalidRequest, 400, message) { Param = param, Code = code };

    public static GatewayError NotFound(string message, string? param = null, string? code = null) =>
        new(GatewayErrorKind.NotFound, 404, message) { Param = param, Code = code };

    public static GatewayError Upstream(string message, string code = "upstream_error") =>
        new(GatewayErrorKind.Upstream, 502, message) { Code = code };

    public static GatewayError Timeout() =>
        new(GatewayErrorKind.Timeout, 504, "The upstream provider did not respond in time.") { Code = "upstream_timeout" };

    public static GatewayError Server() =>
        new(GatewayErrorKind.Server, 500, "The server had an error while processing your request. Sorry about that!") { Code = "server_error" };
}
