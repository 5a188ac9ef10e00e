using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Dialects.Anthropic;

/// <summary>
/// Anthropic Messages (<c>POST /v1/messages</c>) as spoken by the Anthropic SDKs: any model behind the gateway can
/// answer Anthropic callers. Requests always go through the canonical model (no pass-through).
/// </summary>
public sealed class AnthropicDialect : ChatDialect
{
    public const string EndpointNameValue = "messages";

    public override string Name => "anthropic";

    public override string EndpointName => EndpointNameValue;

    public override bool AllowsPassThrough => false;

    public override ChatRequestInfo? Scan(ReadOnlySpan<byte> body, out GatewayError? error) =>
        AnthropicRequestScanner.Scan(body, requireMaxTokens: true, out error);

    /// <summary>Scans a body where <c>max_tokens</c> is optional (<c>count_tokens</c>).</summary>
    public ChatRequestInfo? Scan(ReadOnlySpan<byte> body, bool requireMaxTokens, out GatewayError? error) =>
        AnthropicRequestScanner.Scan(body, requireMaxTokens, out error);

    public override ChatRequest? Parse(ReadOnlySpan<byte> body, out GatewayError? error) =>
        AnthropicRequestParser.Parse(body, requireMaxTokens: true, out error);

    /// <summary>Parses a body where <c>max_tokens</c> is optional (<c>count_tokens</c>).</summary>
    public ChatRequest? Parse(ReadOnlySpan<byte> body, bool requireMaxTokens, out GatewayError? error) =>
        AnthropicRequestParser.Parse(body, requireMaxTokens, out error);

    public override async Task WriteResponseAsync(HttpContext context, ChatRequest request, ChatResponse response, IResponseObserver observer)
    {
        using var buffer = new PooledBufferWriter(4096);
        using (var w = new Utf8JsonWriter(buffer, AnthropicWire.WriterOptions))
        {
            AnthropicResponseWriter.Write(w, request, response);
        }

        var http = context.Response;
        http.StatusCode = StatusCodes.Status200OK;
        http.ContentType = "application/json";
        http.Headers["request-id"] = AnthropicIds.NewRequestId();
        http.ContentLength = buffer.WrittenCount;
        observer.BodyWritten(buffer.WrittenSpan);
        await http.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    public override IChatStreamSink CreateStreamSink(HttpContext context, ChatRequest request, IResponseObserver observer)
    {
        var sink = new AnthropicStreamSink(context, request, this, observer);
        context.Response.RegisterForDispose(sink);
        return sink;
    }

    public override (int Status, string Type) Map(GatewayError error) => AnthropicErrors.Map(error);

    protected override Task WriteErrorBodyAsync(HttpContext context, GatewayError error, int status, string type) =>
        AnthropicErrors.WriteAsync(context, error.Message, error.Code, status, type);
}
