using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Pipeline;

/// <summary>
/// A capability that watches every response (usage accounting, later output guardrails, budget settlement, metrics):
/// registered once with <c>AddResponseListener</c>, called for each request by its <see cref="GatewayContext"/>.
/// Calls arrive on the request's own flow, so an implementation keeps per-request state on the context, never in fields.
/// </summary>
public interface IResponseListener
{
    /// <summary>
    /// Every chunk written to the caller. Called only on listeners that implement it (the pipeline checks once), so a
    /// listener that needs no per-chunk work costs streams nothing.
    /// </summary>
    void BodyWritten(GatewayContext context, ReadOnlySpan<byte> bytes)
    {
    }

    /// <summary>The first body byte is going to the caller (once per request; before <see cref="BodyWritten"/>).</summary>
    void ResponseStarted(GatewayContext context)
    {
    }

    void UsageReported(GatewayContext context, TokenUsage usage)
    {
    }

    /// <summary>The request is over (answered, failed, or the caller left); <see cref="GatewayContext.Outcome"/> is final.</summary>
    void Completed(GatewayContext context)
    {
    }
}
