using Switchyard.DataPlane.Providers.Upstream;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects.OpenAI;
using Switchyard.DataPlane.Egress;
using Switchyard.DataPlane.Gateway;
using Switchyard.DataPlane.Streaming;
using Switchyard.DataPlane.Telemetry;
using Switchyard.Shared.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>Forwards to any upstream speaking OpenAI Chat Completions, with YARP's forwarder over pooled connections.</summary>
public sealed class OpenAICompatibleAdapter(
    IHttpForwarder forwarder,
    UpstreamHttpClient client,
    OpenAIForwardTransformer transformer,
    IOptions<DataPlaneOptions> options,
    ILogger<OpenAICompatibleAdapter> logger) : IPassThroughAdapter
{
    // The relay of a stream enforces the configured silence limit itself (so it can end the stream with an error event);
    // YARP's own activity timeout, which tears the connection down, is set a little later as the backstop.
    private readonly ForwarderRequestConfig _config = new() { ActivityTimeout = ForwarderTimeout(options.Value.UpstreamTimeoutSeconds) };

    /// <summary>Upstreams that take OpenAI requests as they are and answer in OpenAI's exact shape.</summary>
    public IReadOnlyList<string> Kinds { get; } =
        [ProviderKinds.OpenAI, ProviderKinds.Vllm, ProviderKinds.Ollama, ProviderKinds.DeepSeek, ProviderKinds.Fireworks, ProviderKinds.OpenRouter];

    public async Task ChatCompletionsAsync(HttpContext context, GatewayRequestState state)
    {
        var deployment = state.Deployment!;
        using var body = new PooledBufferWriter(state.Body.Length + 256);
        ChatRequestRewriter.Rewrite(state.Body.Span, deployment.UpstreamModel, state.Stream, body);

        var request = context.Request;
        request.Body = body.AsReadOnlyStream();
        request.ContentLength = body.WrittenCount;
        request.Headers.Remove("Transfer-Encoding");

        var error = await forwarder.SendAsync(context, deployment.BaseUrl, client.Invoker, _config, transformer);

        if (state.UpstreamErrorBody is not null)
        {
            DataPlaneLog.UpstreamError(logger, deployment.Id, state.UpstreamErrorStatus);
            await UpstreamErrorMapper.WriteAsync(context, state);
            return;
        }

        if (error == ForwarderError.None)
        {
            return;
        }

        var errorFeature = context.Features.Get<IForwarderErrorFeature>();
        DataPlaneLog.ForwardFailed(logger, deployment.Id, error, errorFeature?.Exception?.GetType().Name ?? "");
        switch (error)
        {
            case ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled
                or ForwarderError.ResponseBodyDestination or ForwarderError.RequestBodyClient:
                state.Fail(499, "client_closed_request");
                return;
            case ForwarderError.RequestTimedOut:
                await OpenAIError.WriteAsync(context, StatusCodes.Status504GatewayTimeout,
                    "The upstream provider did not respond in time.", OpenAIError.Upstream, null, "upstream_timeout");
                return;
            default:
                if (context.Response.HasStarted)
                {
                    state.Fail(StatusCodes.Status502BadGateway, OpenAIError.Upstream);
                    return;
                }

                context.Response.Clear();
                if (EgressDeniedException.IsCause(errorFeature?.Exception))
                {
                    await OpenAIError.WriteAsync(context, StatusCodes.Status502BadGateway,
                        EgressDeniedException.CallerMessage, OpenAIError.Upstream, null, EgressDeniedException.Code);
                    return;
                }

                await OpenAIError.WriteAsync(context, StatusCodes.Status502BadGateway,
                    "The gateway could not reach the upstream provider.", OpenAIError.Upstream, null, OpenAIError.Upstream);
                return;
        }
    }

    private static TimeSpan ForwarderTimeout(double seconds) => TimeSpan.FromSeconds(seconds + Math.Max(1, seconds / 10));
}
