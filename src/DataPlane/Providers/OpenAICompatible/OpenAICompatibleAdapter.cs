using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Egress;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Providers.Upstream;
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
    IOptions<UpstreamOptions> options,
    ILogger<OpenAICompatibleAdapter> logger) : IPassThroughAdapter
{
    // YARP's activity timeout bounds the upstream's silence; when it fires mid-body it tears the connection down.
    private readonly ForwarderRequestConfig _config = new() { ActivityTimeout = ForwarderTimeout(options.Value.UpstreamTimeoutSeconds, 1) };

    // The relay of a stream enforces the silence limit between events itself (so it ends the stream with an error event);
    // YARP's timeout is only the backstop there, late enough (≥ 5 s after) that a busy machine running the relay's timer
    // and writing its error event late never loses the race and resets the caller's connection instead.
    private readonly ForwarderRequestConfig _streamConfig = new() { ActivityTimeout = ForwarderTimeout(options.Value.UpstreamTimeoutSeconds, 5) };

    /// <summary>Upstreams that take OpenAI requests as they are and answer in OpenAI's exact shape.</summary>
    public IReadOnlyList<string> Kinds { get; } =
        [ProviderKinds.OpenAI, ProviderKinds.Vllm, ProviderKinds.Ollama, ProviderKinds.DeepSeek, ProviderKinds.Fireworks, ProviderKinds.OpenRouter];

    public async Task<GatewayError?> ForwardAsync(GatewayContext context, RuntimeDeployment deployment)
    {
        var http = context.Http;
        var body = new PooledBufferWriter(context.Body.Length + 256);
        ChatRequestRewriter.Rewrite(context.Body.Span, deployment.UpstreamModel, context.Stream, body);

        // The rewritten body goes upstream as known-length content (one send with the headers, see BufferedBodyInvoker);
        // the content owns the pooled bytes and gives them back when disposed, or when a send still running then ends.
        using var content = new PooledJsonContent(body);
        var invoker = new BufferedBodyInvoker(client.Invoker, content);
        var error = await forwarder.SendAsync(http, deployment.BaseUrl, invoker, context.Stream ? _streamConfig : _config, transformer, context.Aborted);

        if (http.Features.Get<UpstreamErrorCapture>() is { } failure)
        {
            DataPlaneLog.UpstreamError(logger, deployment.Id, failure.Status);
            http.Features.Set<UpstreamErrorCapture>(null);
            return OpenAIErrorReader.FromResponse(failure.Status, failure.Body, failure.RetryAfter);
        }

        if (error == ForwarderError.None)
        {
            return null;
        }

        var errorFeature = http.Features.Get<IForwarderErrorFeature>();
        DataPlaneLog.ForwardFailed(logger, deployment.Id, error, errorFeature?.Exception?.GetType().Name ?? "");
        switch (error)
        {
            case ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled
                or ForwarderError.ResponseBodyDestination or ForwarderError.RequestBodyClient:
                if (context.AttemptTimedOut)
                {
                    // The route's first-byte or total timeout, not the caller: retried while nothing was relayed.
                    if (http.Response.HasStarted)
                    {
                        context.Failed(StatusCodes.Status504GatewayTimeout, "upstream_timeout");
                        return null;
                    }

                    http.Response.Clear();
                    return GatewayError.Timeout();
                }

                context.Failed(499, "client_closed_request");
                return null;
            case ForwarderError.RequestTimedOut:
                return GatewayError.Timeout();
            default:
                if (http.Response.HasStarted)
                {
                    context.Failed(StatusCodes.Status502BadGateway, "upstream_error");
                    return null;
                }

                http.Response.Clear();
                return EgressDeniedError.IsCause(errorFeature?.Exception)
                    ? GatewayError.Upstream(EgressDeniedError.CallerMessage, EgressDeniedError.Code)
                    : GatewayError.Upstream("The gateway could not reach the upstream provider.");
        }
    }

    private static TimeSpan ForwarderTimeout(double seconds, double minMargin) => TimeSpan.FromSeconds(seconds + Math.Max(minMargin, seconds / 10));
}
