using Switchyard.Shared.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Egress;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Providers.Upstream;
using Yarp.ReverseProxy.Forwarder;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>
/// Shapes the forwarded request (URL, upstream credential, the few caller headers an upstream may see) and the relayed
/// response (the few upstream headers a caller may see), and wraps the response body so the gateway observes usage and
/// filters the stream. Both directions use allow-lists: a caller's cookies or credentials never reach a provider, and a
/// provider's cookies, organisation ids or server banners never reach a caller. Upstream errors are captured (bounded)
/// instead of being relayed.
/// </summary>
public sealed class OpenAIForwardTransformer(IOptions<UpstreamOptions> options) : HttpTransformer
{
    private readonly TimeSpan _streamIdleTimeout = TimeSpan.FromSeconds(options.Value.UpstreamTimeoutSeconds);

    public override ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        var context = httpContext.Features.GetRequiredFeature<GatewayContext>();
        var deployment = context.Deployment!;
        proxyRequest.RequestUri = deployment.ChatCompletionsUri;
        PassThroughHeaders.CopyRequestHeaders(httpContext.Request, proxyRequest);
        UpstreamConnectTimeout.Apply(proxyRequest);

        if (deployment.BearerAuthorization is { } authorization)
        {
            proxyRequest.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return ValueTask.CompletedTask;
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (proxyResponse is null)
        {
            return false;
        }

        var response = httpContext.Response;
        if (!proxyResponse.IsSuccessStatusCode)
        {
            // Nothing of the upstream's answer is relayed as it is: the adapter maps it to the caller's error.
            PassThroughHeaders.CopyRateLimitHeaders(proxyResponse, response);
            var body = await BoundedBody.ReadPrefixAsync(proxyResponse.Content, UpstreamExchange.MaxErrorBodyBytes, cancellationToken);
            httpContext.Features.Set(new UpstreamErrorCapture((int)proxyResponse.StatusCode, body, UpstreamExchange.RetryAfterOf(proxyResponse)));
            return false;
        }

        PassThroughHeaders.CopyResponseHeaders(proxyResponse, response);
        var context = httpContext.Features.GetRequiredFeature<GatewayContext>();
        var upstream = await proxyResponse.Content.ReadAsStreamAsync(cancellationToken);
        if (proxyResponse.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            // Dropping the usage chunk changes the length; SSE has none, but never pass one through.
            response.ContentLength = null;
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            proxyResponse.Content = new StreamContent(new SseRelayStream(upstream, context, context.IncludeUsage, httpContext.RequestAborted, _streamIdleTimeout, UpstreamDeadline.Current));
        }
        else
        {
            proxyResponse.Content = new StreamContent(new ObservedBodyStream(upstream, context));
        }

        return true;
    }

    /// <summary>Trailers are not relayed (OpenAI-compatible answers have none a caller needs).</summary>
    public override ValueTask TransformResponseTrailersAsync(HttpContext httpContext, HttpResponseMessage proxyResponse, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;
}
