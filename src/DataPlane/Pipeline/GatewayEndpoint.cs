using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects;

namespace Switchyard.DataPlane.Pipeline;

/// <summary>
/// A gateway body endpoint (<c>/v1/chat/completions</c>, <c>/v1/messages</c>, <c>/v1/embeddings</c>, ...): the two things
/// that differ between endpoints — how the body is read and how the request is forwarded. Everything else is the shared
/// stages of the <see cref="GatewayPipeline"/>.
/// </summary>
public abstract class GatewayEndpoint(string name, ChatDialect dialect)
{
    /// <summary>The name recorded with usage, e.g. <c>chat.completions</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The dialect callers of this endpoint speak (its error shapes and answer formats).</summary>
    public ChatDialect Dialect { get; } = dialect;

    /// <summary>What the stages need from the body, or null and the error (400, naming the field).</summary>
    public abstract RequestSummary? Read(ReadOnlyMemory<byte> body, out GatewayError? error);

    /// <summary>
    /// True when the deployment's model can serve this request as it is (capability-aware routing sets the others aside
    /// first; only when no deployment of the route can does the endpoint's own refusal or adaptation apply).
    /// </summary>
    public virtual bool CanServe(GatewayContext context, RuntimeDeployment deployment) => true;

    /// <summary>
    /// Sends the request to the deployment and writes the answer to the caller. Returns the error when nothing has been
    /// written yet (the forward stage answers it in the dialect); null once the answer — or a stream's error event — went out.
    /// </summary>
    public abstract Task<GatewayError?> ForwardAsync(GatewayContext context, RuntimeDeployment deployment);
}
