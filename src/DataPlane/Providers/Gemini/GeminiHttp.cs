using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Providers.Gemini;

/// <summary>Builds Gemini API calls (<c>{BaseUrl}/models/{model}:{method}</c>, key in <c>x-goog-api-key</c>).</summary>
internal static class GeminiHttp
{
    /// <summary>
    /// The model's resource name: <c>models/{UpstreamModel}</c>, or the upstream model itself when it already names a
    /// resource (<c>models/x</c>, <c>tunedModels/x</c>).
    /// </summary>
    public static string ResourceName(RuntimeDeployment deployment) =>
        deployment.UpstreamModel.Contains('/', StringComparison.Ordinal) ? deployment.UpstreamModel : "models/" + deployment.UpstreamModel;

    /// <summary>
    /// A POST to <paramref name="method"/> (e.g. <c>generateContent</c>); the key never goes in the query string. The
    /// request owns <paramref name="body"/> from here (see <see cref="PooledJsonContent"/>).
    /// </summary>
    public static HttpRequestMessage Post(RuntimeDeployment deployment, string method, PooledBufferWriter body, string? query = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{deployment.BaseUrl}/{ResourceName(deployment)}:{method}{query}")
        {
            Content = new PooledJsonContent(body),
        };
        if (deployment.Secret is { Length: > 0 } secret)
        {
            request.Headers.TryAddWithoutValidation("x-goog-api-key", secret);
        }

        return request;
    }
}
