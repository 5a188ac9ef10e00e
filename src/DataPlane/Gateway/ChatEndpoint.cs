using Microsoft.AspNetCore.Http.Features;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects;
using Switchyard.DataPlane.Providers;
using Switchyard.DataPlane.Telemetry;

namespace Switchyard.DataPlane.Gateway;

/// <summary>
/// A chat endpoint of one inbound dialect (<c>POST /v1/chat/completions</c>, <c>POST /v1/messages</c>): check the body,
/// route, check what the model can serve, then either forward unchanged (same wire format upstream, nothing to adapt)
/// or translate through the canonical model to the deployment's provider.
/// </summary>
public sealed class ChatEndpoint
{
    private readonly ChatDialect _dialect;
    private readonly GatewayPipeline _pipeline;
    private readonly ProviderRegistry _providers;
    private readonly ILogger<ChatEndpoint> _logger;
    private readonly GatewayPipeline.Handler _handle;

    public ChatEndpoint(ChatDialect dialect, GatewayPipeline pipeline, ProviderRegistry providers, ILogger<ChatEndpoint> logger)
    {
        _dialect = dialect;
        _pipeline = pipeline;
        _providers = providers;
        _logger = logger;
        _handle = ServeAsync;
    }

    public Task HandleAsync(HttpContext context) => _pipeline.RunAsync(context, _dialect.EndpointName, _dialect, _handle);

    private async Task ServeAsync(HttpContext context, GatewayRequestState state, ReadOnlyMemory<byte> body)
    {
        if (_dialect.Scan(body.Span, out var scanError) is not { } info)
        {
            await _dialect.WriteErrorAsync(context, scanError!);
            return;
        }

        state.Model = info.Model;
        state.Stream = info.Stream;
        state.IncludeUsage = info.IncludeUsage;
        state.Body = body;
        if (await _pipeline.RouteAsync(context, state, _dialect) is not { } deployment)
        {
            return;
        }

        var capabilities = deployment.Snapshot.Capabilities;
        var passThrough = _dialect.AllowsPassThrough ? _providers.FindPassThrough(deployment.ProviderKind) : null;
        if (passThrough is not null && CapabilityGuard.IsUnrestricted(capabilities))
        {
            await passThrough.ChatCompletionsAsync(context, state);
            return;
        }

        if (_dialect.Parse(body.Span, out var parseError) is not { } request)
        {
            await _dialect.WriteErrorAsync(context, parseError!);
            return;
        }

        if (CapabilityGuard.Check(request, capabilities, state.Route!.Snapshot.DropUnsupportedParams, out var changed) is { } unsupported)
        {
            await _dialect.WriteErrorAsync(context, unsupported);
            return;
        }

        if (passThrough is not null && !changed)
        {
            await passThrough.ChatCompletionsAsync(context, state);
            return;
        }

        if (_providers.FindChat(deployment.ProviderKind) is not { } provider)
        {
            DataPlaneLog.NoAdapter(_logger, deployment.ProviderKind);
            await _dialect.WriteErrorAsync(context, GatewayError.InvalidRequest(
                $"The model `{state.Model}` is served by provider kind '{deployment.ProviderKind}', which cannot answer chat requests.", "model"));
            return;
        }

        await TranslateAsync(context, state, request, deployment, provider);
    }

    private async Task TranslateAsync(HttpContext context, GatewayRequestState state, ChatRequest request, RuntimeDeployment deployment, IChatProvider provider)
    {
        var aborted = context.RequestAborted;
        if (request.Stream)
        {
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            var sink = _dialect.CreateStreamSink(context, request);
            if (await provider.StreamAsync(request, deployment, sink, aborted) is { } streamError)
            {
                await _dialect.WriteErrorAsync(context, streamError);
            }

            return;
        }

        var result = await provider.CompleteAsync(request, deployment, aborted);
        if (result.Error is { } error)
        {
            await _dialect.WriteErrorAsync(context, error);
            return;
        }

        state.Usage = result.Value!.Usage;
        state.MarkFirstByte(_pipeline.Time.GetTimestamp());
        await _dialect.WriteResponseAsync(context, request, result.Value);
    }
}
