using System.Net.Http.Headers;
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
    private const string RateLimitPrefix = "x-ratelimit-";

    /// <summary>Caller headers an upstream may see (looked up directly: no enumeration of the caller's headers).</summary>
    private static readonly string[] RequestHeaders = ["Accept", "User-Agent", "OpenAI-Beta"];

    private static readonly string[] ResponseHeaders = ["x-request-id", "openai-processing-ms", "openai-version", "retry-after", "retry-after-ms", "x-should-retry"];

    private static readonly string[] ErrorHeaders = ["x-request-id", "retry-after-ms", "x-should-retry"];

    public static void CopyRequestHeaders(HttpRequest request, HttpRequestMessage proxyRequest)
    {
        var headers = request.Headers;
        foreach (var name in RequestHeaders)
        {
            var values = headers[name];
            if (values.Count == 1)
            {
                proxyRequest.Headers.TryAddWithoutValidation(name, values.ToString());
            }
            else if (values.Count > 1)
            {
                proxyRequest.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }
    }

    /// <summary>The headers of a successful answer that the caller sees.</summary>
    public static void CopyResponseHeaders(HttpResponseMessage proxyResponse, HttpResponse response)
    {
        Copy(proxyResponse.Headers, response, ResponseHeaders);
        var content = proxyResponse.Content.Headers;
        if (content.ContentType is { } type)
        {
            response.ContentType = type.ToString();
        }

        if (content.ContentLength is { } length)
        {
            response.ContentLength = length;
        }

        if (content.NonValidated.TryGetValues("Content-Encoding", out var encoding))
        {
            response.Headers.ContentEncoding = ToStringValues(encoding);
        }
    }

    /// <summary>The hints of a failed answer that the caller's SDK acts on (its body is mapped, not relayed).</summary>
    public static void CopyRateLimitHeaders(HttpResponseMessage proxyResponse, HttpResponse response) =>
        Copy(proxyResponse.Headers, response, ErrorHeaders);

    private static void Copy(HttpResponseHeaders headers, HttpResponse response, string[] allowed)
    {
        foreach (var header in headers.NonValidated)
        {
            var name = header.Key;
            if (name.StartsWith(RateLimitPrefix, StringComparison.OrdinalIgnoreCase) || IsListed(name, allowed))
            {
                response.Headers[name] = ToStringValues(header.Value);
            }
        }
    }

    private static bool IsListed(string name, string[] allowed)
    {
        foreach (var candidate in allowed)
        {
            if (candidate.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static StringValues ToStringValues(HeaderStringValues values) =>
        values.Count == 1 ? new StringValues(values.ToString()) : new StringValues([.. values]);
}
