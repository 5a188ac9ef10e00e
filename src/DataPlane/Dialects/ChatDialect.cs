using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Dialects;

/// <summary>
/// An inbound API dialect (OpenAI Chat Completions, Anthropic Messages): how callers' requests are read and how
/// answers, streams and errors are written back to them. Everything written is reported to the request's
/// <see cref="IResponseObserver"/>.
/// </summary>
public abstract class ChatDialect
{
    /// <summary>"openai" or "anthropic".</summary>
    public abstract string Name { get; }

    /// <summary>The endpoint name recorded with usage (e.g. <c>chat.completions</c>, <c>messages</c>).</summary>
    public abstract string EndpointName { get; }

    /// <summary>True when requests may be forwarded unchanged to a pass-through adapter (same wire format upstream).</summary>
    public virtual bool AllowsPassThrough => false;

    /// <summary>
    /// A cheap first pass over the body: checks it is a JSON object with the required fields and extracts what routing
    /// needs. Returns null and the error (400, naming the field) when the body is not acceptable.
    /// </summary>
    public abstract ChatRequestInfo? Scan(ReadOnlySpan<byte> body, out GatewayError? error);

    /// <summary>The whole body in canonical form, or null and the error (400, naming the field).</summary>
    public abstract ChatRequest? Parse(ReadOnlySpan<byte> body, out GatewayError? error);

    /// <summary>Writes a non-streamed answer; <see cref="ChatRequest.Model"/> is the model name the caller sees.</summary>
    public abstract Task WriteResponseAsync(HttpContext context, ChatRequest request, ChatResponse response, IResponseObserver observer);

    /// <summary>
    /// A sink writing a streamed answer to the caller as events arrive, reporting bytes, usage, finish and failures to
    /// <paramref name="observer"/>. If it receives an error before anything was sent it answers with an ordinary HTTP
    /// error instead of a stream.
    /// </summary>
    public abstract IChatStreamSink CreateStreamSink(HttpContext context, ChatRequest request, IResponseObserver observer);

    /// <summary>The status and this dialect's error <c>type</c> for a gateway error.</summary>
    public abstract (int Status, string Type) Map(GatewayError error);

    /// <summary>
    /// Writes the error in this dialect's shape with its status (and <c>retry-after</c>), and reports it to the request's
    /// <see cref="IResponseObserver"/> (a feature of the context, when there is one). Does nothing when the response has
    /// already started.
    /// </summary>
    public Task WriteErrorAsync(HttpContext context, GatewayError error)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        var (status, type) = Map(error);
        context.Features.Get<IResponseObserver>()?.Failed(status, error.Code ?? type);
        if (error.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        return WriteErrorBodyAsync(context, error, status, type);
    }

    /// <summary>Writes the error body with <paramref name="status"/> (the response has not started).</summary>
    protected abstract Task WriteErrorBodyAsync(HttpContext context, GatewayError error, int status, string type);
}
