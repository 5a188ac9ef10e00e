using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Gateway;
using Switchyard.DataPlane.Streaming;
using Yarp.ReverseProxy.Forwarder;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>
/// Shapes the forwarded request (URL, headers, upstream credential) and wraps the response body so the gateway can
/// observe usage and filter the stream. Upstream errors are captured (bounded) instead of being copied.
/// </summary>
public sealed class OpenAIForwardTransformer(TimeProvider time, IOptions<DataPlaneOptions> options) : HttpTransformer
{
    private readonly TimeSpan _streamIdleTimeout = TimeSpan.FromSeconds(options.Value.UpstreamTimeoutSeconds);

    /// <summary>Upstream error bodies beyond this are cut.</summary>
    public const int MaxErrorBodyBytes = 64 * 1024;

    private static readonly string[] StrippedRequestHeaders =
    [
        HeaderNames.Authorization, "x-api-key", HeaderNames.Cookie, HeaderNames.Host, HeaderNames.Connection, HeaderNames.KeepAlive,
        HeaderNames.ProxyAuthenticate, HeaderNames.ProxyAuthorization, "Proxy-Connection", HeaderNames.TE, HeaderNames.Trailer,
        HeaderNames.TransferEncoding, HeaderNames.Upgrade, HeaderNames.AcceptEncoding, "OpenAI-Organization", "OpenAI-Project",
    ];

    private static readonly string[] KeptErrorHeaders = ["Retry-After", "retry-after-ms", "x-should-retry", "x-request-id"];

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        foreach (var header in StrippedRequestHeaders)
        {
            proxyRequest.Headers.Remove(header);
        }

        var state = httpContext.Features.GetRequiredFeature<GatewayRequestState>();
        var deployment = state.Deployment!;
        proxyRequest.RequestUri = deployment.ChatCompletionsUri;
        if (deployment.BearerAuthorization is { } authorization)
        {
            proxyRequest.Headers.TryAddWithoutValidation(HeaderNames.Authorization, authorization);
        }
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (proxyResponse is null)
        {
            return await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        }

        var state = httpContext.Features.GetRequiredFeature<GatewayRequestState>();
        if (!proxyResponse.IsSuccessStatusCode)
        {
            state.UpstreamErrorStatus = (int)proxyResponse.StatusCode;
            state.UpstreamErrorBody = await ReadBoundedAsync(proxyResponse.Content, cancellationToken);
            foreach (var name in KeptErrorHeaders)
            {
                if (proxyResponse.Headers.TryGetValues(name, out var values))
                {
                    httpContext.Response.Headers[name] = values.ToArray();
                }
            }

            foreach (var header in proxyResponse.Headers.Where(h => h.Key.StartsWith("x-ratelimit-", StringComparison.OrdinalIgnoreCase)))
            {
                httpContext.Response.Headers[header.Key] = header.Value.ToArray();
            }

            return false;
        }

        await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        var upstream = await proxyResponse.Content.ReadAsStreamAsync(cancellationToken);
        var isEventStream = proxyResponse.Content.Headers.ContentType?.MediaType == "text/event-stream";
        Stream relay = isEventStream
            ? new SseRelayStream(upstream, state, httpContext.RequestAborted, time, _streamIdleTimeout)
            : new ObservedBodyStream(upstream, state, time);
        if (isEventStream)
        {
            // Dropping the usage chunk changes the length; SSE has none, but never pass one through.
            httpContext.Response.Headers.ContentLength = null;
            httpContext.Response.Headers.CacheControl = "no-cache";
            httpContext.Response.Headers["X-Accel-Buffering"] = "no";
        }

        proxyResponse.Content = new StreamContent(relay);
        return true;
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxErrorBodyBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return buffer[..length];
    }
}
