using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects;
using Switchyard.DataPlane.Guardrails;
using Switchyard.DataPlane.Limits;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Providers;
using Switchyard.DataPlane.Routing;
using Switchyard.DataPlane.Telemetry;

namespace Switchyard.DataPlane.Gateway;

/// <summary>
/// A chat endpoint of one inbound dialect (<c>POST /v1/chat/completions</c>, <c>POST /v1/messages</c>). When the
/// deployment speaks the caller's wire format and its model can take the request as it is (judged from the parse stage's
/// first pass, <see cref="CapabilityGuard.Accepts"/>), the body is forwarded unchanged without being parsed (the fast
/// path). Otherwise it is parsed into the canonical model, checked against what the model can serve (refused, or adapted
/// on a route that drops unsupported parameters) and sent — unchanged if nothing had to change, else translated.
/// </summary>
public sealed class ChatEndpoint(ChatDialect dialect, ProviderRegistry providers, OutputGuard outputGuard, ILogger<ChatEndpoint> logger)
    : GatewayEndpoint(dialect.EndpointName, dialect)
{
    public override RequestSummary? Read(ReadOnlyMemory<byte> body, out GatewayError? error) =>
        Dialect.Scan(body.Span, out error) is { } info ? new RequestSummary(info.Model, info.Stream, info.IncludeUsage, info.Features) : null;

    /// <summary>
    /// The model takes the request's features (<see cref="CapabilityGuard.Accepts"/>) and its context window holds the
    /// estimated input (a quarter of the body's bytes, which overestimates text) plus the output limit asked for.
    /// </summary>
    public override bool CanServe(GatewayContext context, RuntimeDeployment deployment) =>
        CapabilityGuard.Accepts(deployment.Snapshot.Capabilities, context.Features)
        && (deployment.Snapshot.Capabilities?.ContextWindow is not { } window || (context.Body.Length / 4) + (context.Features.MaxTokens ?? 0) <= window);

    public override Task<GatewayError?> ForwardAsync(GatewayContext context, RuntimeDeployment deployment)
    {
        // An answer the tenant's policies look at is translated, never relayed as the upstream's own bytes.
        var passThrough = Dialect.AllowsPassThrough && !OutputGuard.Applies(context) ? providers.FindPassThrough(deployment.ProviderKind) : null;
        return passThrough is not null && CapabilityGuard.Accepts(deployment.Snapshot.Capabilities, context.Features)
            ? passThrough.ForwardAsync(context, deployment)
            : ParseAndForwardAsync(context, deployment, passThrough);
    }

    private async Task<GatewayError?> ParseAndForwardAsync(GatewayContext context, RuntimeDeployment deployment, IPassThroughAdapter? passThrough)
    {
        if (Dialect.Parse(context.Body.Span, out var parseError) is not { } request)
        {
            return parseError;
        }

        if (CapabilityGuard.Check(request, deployment.Snapshot.Capabilities, context.Route!.Snapshot.DropUnsupportedParams, out var changed) is { } unsupported)
        {
            return unsupported;
        }

        if (passThrough is not null && !changed)
        {
            return await passThrough.ForwardAsync(context, deployment);
        }

        if (providers.FindChat(deployment.ProviderKind) is not { } provider)
        {
            DataPlaneLog.NoAdapter(logger, deployment.ProviderKind);
            return GatewayError.InvalidRequest(
                $"The model `{context.Model}` is served by provider kind '{deployment.ProviderKind}', which cannot answer chat requests.", "model");
        }

        return request.Stream
            ? await StreamAsync(context, request, deployment, provider)
            : await CompleteAsync(context, request, deployment, provider);
    }

    private async Task<GatewayError?> StreamAsync(GatewayContext context, ChatRequest request, RuntimeDeployment deployment, IChatProvider provider)
    {
        var sink = Dialect.CreateStreamSink(context.Http, request, context);
        if (OutputGuard.Applies(context))
        {
            sink = outputGuard.Wrap(context, request, sink);
        }

        if (context.BudgetCap == 0)
        {
            return await provider.StreamAsync(request, deployment, sink, context.Aborted);
        }

        try
        {
            return await provider.StreamAsync(request, deployment, new BudgetCutSink(sink, context), context.Aborted);
        }
        catch (BudgetCutException)
        {
            // The caller's stream already ended with the budget's error event.
            return null;
        }
    }

    private async Task<GatewayError?> CompleteAsync(GatewayContext context, ChatRequest request, RuntimeDeployment deployment, IChatProvider provider)
    {
        var result = await provider.CompleteAsync(request, deployment, context.Aborted);
        if (result.Error is { } error)
        {
            return error;
        }

        var response = result.Value!;
        context.UsageReported(response.Usage);
        if (response.Choices.Count > 0)
        {
            context.Finished(response.Choices[0].FinishReason);
        }

        if (OutputGuard.Applies(context) && await outputGuard.CheckAsync(context, request, response) is { } blocked)
        {
            return blocked;
        }

        await Dialect.WriteResponseAsync(context.Http, request, response, context);
        return null;
    }
}
