using System.Net;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers.Anthropic;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Providers;

/// <summary>
/// The cheap request an active health check sends to a deployment: its provider's models list, with the deployment's
/// credential (for Azure OpenAI the resource's models list). Null for the kinds not checked: bedrock (its runtime
/// endpoint has no models list; the control-plane host's needs its own egress entry and signing) and mock.
/// </summary>
public static class HealthCheckRequest
{
    public static HttpRequestMessage? Create(RuntimeDeployment deployment)
    {
        var secret = deployment.Secret;
        switch (deployment.ProviderKind)
        {
            case ProviderKinds.Bedrock or ProviderKinds.Mock:
                return null;
            case ProviderKinds.Anthropic:
            {
                var request = Get(AnthropicChatProvider.Endpoint(deployment, "/v1/models"));
                request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
                if (secret is { Length: > 0 })
                {
                    request.Headers.TryAddWithoutValidation("x-api-key", secret);
                }

                return request;
            }

            case ProviderKinds.Gemini:
            {
                var request = Get(new Uri(deployment.BaseUrl + "/models", UriKind.Absolute));
                if (secret is { Length: > 0 })
                {
                    request.Headers.TryAddWithoutValidation("x-goog-api-key", secret);
                }

                return request;
            }

            default:
            {
                if (deployment.BaseUrl.Length == 0)
                {
                    return null;
                }

                var request = Get(OpenAIUpstreamTarget.ModelsUri(deployment));
                OpenAIUpstreamTarget.Authorize(request, deployment);
                return request;
            }
        }
    }

    private static HttpRequestMessage Get(Uri uri) =>
        new(HttpMethod.Get, uri) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
}
