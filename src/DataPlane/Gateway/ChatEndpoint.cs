using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Providers;
using Switchyard.DataPlane.Routing;
using Switchyard.DataPlane.Telemetry;

namespace Switchyard.DataPlane.Gateway;

/// <summary>
/// A chat endpoint of one inbound dialect (<c>POST /v1/chat/completions</c>, <c>POST /v1/messages</c>): checks what the
/// deployment's model can serve, then either forwards the body unchanged (same wire format upstream, nothing to adapt)
/// or translates it through the canonical model to the deployment's provider.
/// </summary>
public sealed class ChatEndpoint(ChatDialect dialect, ProviderRegistry providers, ILogger<ChatEndpoint> logger)
    : GatewayEndpoint(dialect.EndpointName, dialect)
{
    public override RequestSummary? Read(ReadOnlyMemory<byte> body, out GatewayError? error) =>
        Dialect.Scan(body.Span, out error) is { } info ? new RequestSummary(info.Model, info.Stream, info.IncludeUsage) : null;

    public override async Task<GatewayError?> ForwardAsync(GatewayContext context, RuntimeDeployment deployment)
    {
        var capabilities = deployment.Snapshot.Capabilities;
        var passThrough = Dialect.AllowsPassThrough ? providers.FindPassThrough(deployment.ProviderKind) : null;
        if (passThrough is not null && CapabilityGuard.IsUnrestricted(capabilities))
        {
            return await passThrough.ForwardAsync(context, deployment);
        }

        if (Dialect.Parse(context.Body.Span, out var parseError) is not { } request)
        {
            return parseError;
        }

        if (CapabilityGuard.Check(request, capabilities, context.Route!.Snapshot.DropUnsupportedParams, out var changed) is { } unsupported)
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
            ? await provider.StreamAsync(request, deployment, Dialect.CreateStreamSink(context.Http, request, context), context.Aborted)
            : await CompleteAsync(context, request, deployment, provider);
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

        await Dialect.WriteResponseAsync(context.Http, request, response, context);
        return null;
    }
}
