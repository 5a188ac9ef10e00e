using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Switchyard.DataPlane.Providers.Bedrock;

/// <summary>
/// AWS credentials for SigV4: an access key pair, plus the session token of temporary (STS) credentials. Keeps the
/// last derived signing key (it changes once a day), so signing costs two HMACs instead of six.
/// </summary>
public sealed class AwsCredentials
{
    private SigningKey? _signingKey;

    public AwsCredentials(string accessKeyId, string secretAccessKey, string? sessionToken = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(secretAccessKey);
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
        SessionToken = string.IsNullOrEmpty(sessionToken) ? null : sessionToken;
    }

    public string AccessKeyId { get; }

    public string SecretAccessKey { get; }

    /// <summary>Sent as <c>x-amz-security-token</c> for temporary credentials; null for long-term keys.</summary>
    public string? SessionToken { get; }

    /// <summary>
    /// Parses a deployment secret: <c>ACCESS_KEY_ID:SECRET_ACCESS_KEY</c>, <c>ACCESS_KEY_ID:SECRET_ACCESS_KEY:SESSION_TOKEN</c>,
    /// or a JSON object <c>{"accessKeyId","secretAccessKey","sessionToken"}</c>. Null when it is neither.
    /// </summary>
    public static AwsCredentials? Parse(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return null;
        }

        var text = secret.Trim();
        if (text.StartsWith('{'))
        {
            return ParseJson(text);
        }

        var parts = text.Split(':', 3);
        return parts.Length >= 2 && parts[0].Length > 0 && parts[1].Length > 0
            ? new AwsCredentials(parts[0], parts[1], parts.Length == 3 ? parts[2] : null)
            : null;
    }

    /// <summary>HMAC("AWS4"+secret, date) → region → service → "aws4_request"; cached for the last date/region/service.</summary>
    public byte[] SigningKeyFor(string date, string region, string service)
    {
        var cached = _signingKey;
        if (cached is not null && cached.Date == date && cached.Region == region && cached.Service == service)
        {
            return cached.Key;
        }

        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + SecretAccessKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        key = HMACSHA256.HashData(key, "aws4_request"u8);
        _signingKey = new SigningKey(date, region, service, key);
        return key;
    }

    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"AwsCredentials({AccessKeyId})";

    private static AwsCredentials? ParseJson(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            string? id = null, key = null, token = null;
            foreach (var property in root.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                if (property.Name.Equals("accessKeyId", StringComparison.OrdinalIgnoreCase))
                {
                    id = property.Value.GetString();
                }
                else if (property.Name.Equals("secretAccessKey", StringComparison.OrdinalIgnoreCase))
                {
                    key = property.Value.GetString();
                }
                else if (property.Name.Equals("sessionToken", StringComparison.OrdinalIgnoreCase))
                {
                    token = property.Value.GetString();
                }
            }

            return string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(key) ? null : new AwsCredentials(id, key, token);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private sealed record SigningKey(string Date, string Region, string Service, byte[] Key);
}
