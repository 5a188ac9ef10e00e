using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;

namespace Switchyard.DataPlane.Providers.Bedrock;

/// <summary>
/// A deployment's Bedrock settings, parsed once per snapshot: the Converse URLs (model id URL-encoded, so ':' is sent
/// as %3A and '/' as %2F), the region (the <c>region</c> setting, else the <c>bedrock-runtime.{region}.amazonaws.com</c>
/// host), and either SigV4 credentials or, with the setting <c>auth=apiKey</c>, a Bedrock API key sent as a bearer token.
/// </summary>
internal sealed class BedrockEndpoint
{
    public const string SigningService = "bedrock";

    private BedrockEndpoint(GatewayError error) => Error = error;

    private BedrockEndpoint(Uri converse, Uri converseStream, string? region, AwsCredentials? credentials, string? bearer)
    {
        ConverseUri = converse;
        ConverseStreamUri = converseStream;
        Region = region;
        Credentials = credentials;
        BearerAuthorization = bearer;
    }

    /// <summary>Set when the deployment cannot be served as configured.</summary>
    public GatewayError? Error { get; }

    public Uri? ConverseUri { get; }

    public Uri? ConverseStreamUri { get; }

    public string? Region { get; }

    /// <summary>SigV4 credentials; null with API-key auth.</summary>
    public AwsCredentials? Credentials { get; }

    /// <summary>"Bearer {api key}" with API-key auth; null with SigV4.</summary>
    public string? BearerAuthorization { get; }

    public static BedrockEndpoint Create(RuntimeDeployment deployment)
    {
        if (!Uri.TryCreate(deployment.BaseUrl, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
        {
            return Misconfigured("has no base URL: set its 'region' setting (or an absolute base URL)");
        }

        var model = deployment.BaseUrl + "/model/" + Uri.EscapeDataString(deployment.UpstreamModel);
        var converse = new Uri(model + "/converse");
        var converseStream = new Uri(model + "/converse-stream");
        if (string.Equals(deployment.Setting("auth"), "apiKey", StringComparison.OrdinalIgnoreCase))
        {
            return deployment.BearerAuthorization is { } bearer
                ? new BedrockEndpoint(converse, converseStream, null, null, bearer)
                : Misconfigured("uses API-key auth but has no credential");
        }

        var region = deployment.Setting("region") is { Length: > 0 } setting ? setting : RegionFromHost(baseUri.Host);
        if (region is null)
        {
            return Misconfigured("needs a 'region' setting to sign requests (its base URL does not name one)");
        }

        return AwsCredentials.Parse(deployment.Secret) is { } credentials
            ? new BedrockEndpoint(converse, converseStream, region, credentials, null)
            : Misconfigured("credential must be 'ACCESS_KEY_ID:SECRET_ACCESS_KEY[:SESSION_TOKEN]' or a JSON object with accessKeyId and secretAccessKey");
    }

    /// <summary>The region of a <c>bedrock-runtime[-fips].{region}.amazonaws.com[.cn]</c> host, or null.</summary>
    public static string? RegionFromHost(string host)
    {
        var labels = host.Split('.');
        return labels.Length >= 4 && labels[0].StartsWith("bedrock-runtime", StringComparison.OrdinalIgnoreCase) && labels[2] == "amazonaws"
            ? labels[1]
            : null;
    }

    private static BedrockEndpoint Misconfigured(string problem) =>
        new(GatewayError.Upstream($"The Bedrock deployment {problem}.", "provider_misconfigured"));
}
