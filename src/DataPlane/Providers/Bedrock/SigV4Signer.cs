using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Switchyard.DataPlane.Providers.Bedrock;

/// <summary>
/// AWS Signature Version 4 for non-S3 services: the canonical URI is the request path as sent on the wire, normalised
/// and URI-encoded once more (so a model id's <c>%3A</c> signs as <c>%253A</c>). Pure apart from the injected clock.
/// </summary>
public sealed class SigV4Signer(TimeProvider time)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Headers never signed: added or rewritten by the transport or proxies after signing.</summary>
    private static readonly HashSet<string> Unsigned = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "connection", "content-length", "expect", "keep-alive", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id", "traceparent", "tracestate", "baggage",
    };

    /// <summary>
    /// Signs an outgoing request whose body is <paramref name="body"/>: sets <c>host</c>, <c>x-amz-date</c>,
    /// <c>x-amz-content-sha256</c>, <c>x-amz-security-token</c> (temporary credentials) and <c>Authorization</c>,
    /// signing every header already on the request.
    /// </summary>
    public SigV4Signature Sign(HttpRequestMessage request, ReadOnlySpan<byte> body, AwsCredentials credentials, string region, string service)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var now = time.GetUtcNow();
        var payloadHash = Convert.ToHexStringLower(SHA256.HashData(body));
        request.Headers.Host = uri.Authority;
        request.Headers.TryAddWithoutValidation("x-amz-date", FormatAmzDate(now));
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", payloadHash);
        if (credentials.SessionToken is { } token)
        {
            request.Headers.TryAddWithoutValidation("x-amz-security-token", token);
        }

        var headers = new List<KeyValuePair<string, string>>(8);
        foreach (var header in request.Headers.NonValidated)
        {
            AddHeader(headers, header.Key, header.Value);
        }

        if (request.Content is { } content)
        {
            foreach (var header in content.Headers.NonValidated)
            {
                AddHeader(headers, header.Key, header.Value);
            }
        }

        var signature = Compute(request.Method.Method, uri.AbsolutePath, uri.Query, headers, payloadHash, now, credentials, region, service);
        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        return signature;
    }

    /// <summary>
    /// Computes a signature. <paramref name="path"/> and <paramref name="query"/> are as sent on the wire (escaped);
    /// <paramref name="headers"/> are exactly the headers to sign (repeated names are joined with ',').
    /// </summary>
    public static SigV4Signature Compute(
        string method,
        string path,
        string? query,
        IEnumerable<KeyValuePair<string, string>> headers,
        string payloadHash,
        DateTimeOffset time,
        AwsCredentials credentials,
        string region,
        string service)
    {
        var amzDate = FormatAmzDate(time);
        var date = amzDate[..8];
        var canonicalHeaders = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            var lower = name.Trim().ToLowerInvariant();
            var trimmed = SigV4Encoding.TrimAll(value);
            canonicalHeaders[lower] = canonicalHeaders.TryGetValue(lower, out var existing) ? existing + "," + trimmed : trimmed;
        }

        var signedHeaders = string.Join(';', canonicalHeaders.Keys);
        var canonical = new StringBuilder(256)
            .Append(method.ToUpperInvariant()).Append('\n')
            .Append(SigV4Encoding.CanonicalUri(path)).Append('\n')
            .Append(SigV4Encoding.CanonicalQuery(query)).Append('\n');
        foreach (var (name, value) in canonicalHeaders)
        {
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }

        var canonicalRequest = canonical.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash).ToString();
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = credentials.SigningKeyFor(date, region, service);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        var authorization = $"{Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
        return new SigV4Signature(canonicalRequest, stringToSign, signedHeaders, signature, authorization);
    }

    /// <summary>ISO 8601 basic format in UTC, e.g. 20150830T123600Z.</summary>
    public static string FormatAmzDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Adds a header as the transport will send it (several values joined into one line).</summary>
    private static void AddHeader(List<KeyValuePair<string, string>> headers, string name, HeaderStringValues values)
    {
        if (!Unsigned.Contains(name))
        {
            headers.Add(KeyValuePair.Create(name, values.ToString()));
        }
    }
}
