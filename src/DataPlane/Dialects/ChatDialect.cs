using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Gateway;

namespace Switchyard.DataPlane.Dialects;

/// <summary>
/// An inbound API dialect (OpenAI Chat Completions, Anthropic Messages): how callers' requests are read and how
/// answers, streams and errors are written back to them.
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
    public abstract Task WriteResponseAsync(HttpContext context, ChatRequest request, ChatResponse response);

    /// <summary>
    /// A sink writing a streamed answer to the caller as events arrive. It records usage and time to first byte on the
    /// request's <see cref="GatewayRequestState"/>, and if it receives an error before anything was sent it may answer
    /// with an ordinary HTTP error instead of a stream.
    /// </summary>
    public abstract IChatStreamSink CreateStreamSink(HttpContext context, ChatRequest request);

    /// <summary>
    /// Writes the error in this dialect's shape with its status (and <c>retry-after</c>), and records it on the
    /// request's <see cref="GatewayRequestState"/>. Does nothing when the response has already started.
    /// </summary>
    public abstract Task WriteErrorAsync(HttpContext context, GatewayError error);
}
