using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>
/// The headers that cross the gateway on the pass-through path, as allow-lists: what a caller may send to a provider
/// (content negotiation, the SDK's identification and beta opt-ins) and what a provider may send back (content headers,
/// request ids, rate-limit and retry hints the SDKs act on). Everything else — caller credentials and cookies,
/// provider cookies, organisation/project ids, server banners — stays on its side.
/// </summary>
internal static class PassThroughHeaders
{
    private static readonly FrozenSet<string> RequestHeaders =
        FrozenSet.ToFrozenSet(["Accept", "User-Agent", "OpenAI-Beta"], StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> ResponseHeaders =
        FrozenSet.ToFrozenSet(["x-request-id", "openai-processing-ms", "openai-version", "retry-after", "retry-after-ms", "x-should-retry"],
            StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> ContentHeaders =
        FrozenSet.ToFrozenSet(["Content-Type", "Content-Length", "Content-Encoding"], StringComparer.OrdinalIgnoreCase);

    private const string RateLimitPrefix = "x-ratelimit-";

    public static void CopyRequestHeaders(HttpRequest request, HttpRequestMessage proxyRequest)
    {
        foreach (var (name, values) in request.Headers)
        {
            if (RequestHeaders.Contains(name))
            {
                Add(proxyRequest.Headers, name, values);
            }
        }
    }

    /// <summary>The headers of a successful answer that the caller sees.</summary>
    public static void CopyResponseHeaders(HttpResponseMessage proxyResponse, HttpResponse response)
    {
        foreach (var (name, values) in proxyResponse.Headers)
        {
            if (ResponseHeaders.Contains(name) || name.StartsWith(RateLimitPrefix, StringComparison.OrdinalIgnoreCase))
            {
                response.Headers[name] = ToStringValues(values);
            }
        }

        foreach (var (name, values) in proxyResponse.Content.Headers)
        {
            if (ContentHeaders.Contains(name))
            {
                response.Headers[name] = ToStringValues(values);
            }
        }
    }

    /// <summary>The hints of a failed answer that the caller's SDK acts on (its body is mapped, not relayed).</summary>
    public static void CopyRateLimitHeaders(HttpResponseMessage proxyResponse, HttpResponse response)
    {
        foreach (var (name, values) in proxyResponse.Headers)
        {
            if (name.StartsWith(RateLimitPrefix, StringComparison.OrdinalIgnoreCase)
                || name.Equals("x-request-id", StringComparison.OrdinalIgnoreCase)
                || name.Equals("x-should-retry", StringComparison.OrdinalIgnoreCase)
                || name.Equals("retry-after-ms", StringComparison.OrdinalIgnoreCase))
            {
                response.Headers[name] = ToStringValues(values);
            }
        }
    }

    private static void Add(System.Net.Http.Headers.HttpHeaders headers, string name, StringValues values)
    {
        if (values.Count == 1)
        {
            headers.TryAddWithoutValidation(name, values.ToString());
        }
        else
        {
            headers.TryAddWithoutValidation(name, values.ToArray());
        }
    }

    private static StringValues ToStringValues(IEnumerable<string> values) =>
        values is string[] array ? new StringValues(array) : new StringValues([.. values]);
}
