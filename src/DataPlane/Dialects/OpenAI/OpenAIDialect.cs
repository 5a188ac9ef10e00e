using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Dialects.OpenAI;

/// <summary>OpenAI Chat Completions (<c>POST /v1/chat/completions</c>) as spoken by the OpenAI SDKs.</summary>
public sealed class OpenAIDialect(TimeProvider time) : ChatDialect
{
    public const string EndpointNameValue = "chat.completions";

    public override string Name => "openai";

    public override string EndpointName => EndpointNameValue;

    public override bool AllowsPassThrough => true;

    public override ChatRequestInfo? Scan(ReadOnlySpan<byte> body, out GatewayError? error)
    {
        if (ChatRequestParser.Parse(body, out var message, out var param, out var code) is { } info)
        {
            error = null;
            return info;
        }

        error = GatewayError.InvalidRequest(message!, param, code!);
        return null;
    }


    public override ChatRequest? Parse(ReadOnlySpan<byte> body, out GatewayError? error) => OpenAIRequestReader.Read(body, out error);

    public override async Task WriteResponseAsync(HttpContext context, ChatRequest request, ChatResponse response, IResponseObserver observer)
    {
        using var buffer = new PooledBufferWriter();
        using (var writer = new Utf8JsonWriter(buffer, OpenAIResponseWriter.Options))
        {
            OpenAIResponseWriter.Write(writer, OpenAIIds.Completion(response.Id), time.GetUtcNow().ToUnixTimeSeconds(), request.Model, response);
        }

        var http = context.Response;
        http.StatusCode = StatusCodes.Status200OK;
        http.ContentType = "application/json";
        http.ContentLength = buffer.WrittenCount;
        observer.BodyWritten(buffer.WrittenSpan);
        await http.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    public override IChatStreamSink CreateStreamSink(HttpContext context, ChatRequest request, IResponseObserver observer)
    {
        var sink = new OpenAIStreamSink(context, request, this, observer, time);
        context.Response.RegisterForDispose(sink);
        return sink;
    }

    protected override Task WriteErrorBodyAsync(HttpContext context, GatewayError error, int status, string type) =>
        OpenAIError.WriteAsync(context, status, error.Message, type, error.Param, error.Code);

    public override (int Status, string Type) Map(GatewayError error) => MapError(error);

    /// <summary>The status and OpenAI error <c>type</c> for a gateway error.</summary>
    public static (int Status, string Type) MapError(GatewayError error) => error.Kind switch
    {
        GatewayErrorKind.Permission => (error.Status, OpenAIError.Permission),
        GatewayErrorKind.PaymentRequired => (StatusCodes.Status402PaymentRequired, OpenAIError.Billing),
        GatewayErrorKind.RateLimit => (error.Status, error.Type ?? "rate_limit_error"),
        GatewayErrorKind.Overloaded => (StatusCodes.Status503ServiceUnavailable, OpenAIError.Server),
        GatewayErrorKind.Unavailable or GatewayErrorKind.Server => (error.Status, OpenAIError.Server),
        GatewayErrorKind.Upstream or GatewayErrorKind.Timeout => (error.Status, OpenAIError.Upstream),
        _ => (error.Status, OpenAIError.InvalidRequest),
    };
}
