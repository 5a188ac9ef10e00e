using System.Net;
using Switchyard.DataPlane.Configuration;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>
/// Where and how a translated request goes: the URL of an operation (<c>chat/completions</c>, <c>embeddings</c>), the
/// <c>model</c> to put in the body (null for Azure's classic deployment URLs, where the path selects it) and the
/// upstream credential header. Caller headers are never forwarded: the request is built from scratch.
/// </summary>
internal readonly record struct OpenAIUpstreamTarget(Uri Uri, string? BodyModel)
{
    /// <summary>The GA Azure OpenAI data-plane version used when the deployment names none.</summary>
    public const string DefaultAzureApiVersion = "2024-10-21";

    public static OpenAIUpstreamTarget For(RuntimeDeployment deployment, string operation)
    {
        if (deployment.ProviderKind != ProviderKinds.AzureOpenAI)
        {
            var uri = operation == "chat/completions" && deployment.ChatCompletionsUri is { } cached
                ? cached
                : new Uri($"{deployment.BaseUrl}/{operation}", UriKind.Absolute);
            return new OpenAIUpstreamTarget(uri, deployment.UpstreamModel);
        }

        var name = deployment.Setting("deployment") ?? deployment.UpstreamModel;
        var version = deployment.Setting("apiVersion") ?? DefaultAzureApiVersion;
        var baseUrl = deployment.BaseUrl;
        if (baseUrl.EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase))
        {
            return new OpenAIUpstreamTarget(new Uri($"{baseUrl}/{operation}", UriKind.Absolute), name);
        }

        if (baseUrl.EndsWith("/openai", StringComparison.OrdinalIgnoreCase))
        {
            baseUrl = baseUrl[..^"/openai".Length];
        }

        if (version.Equals("v1", StringComparison.OrdinalIgnoreCase))
        {
            return new OpenAIUpstreamTarget(new Uri($"{baseUrl}/openai/v1/{operation}", UriKind.Absolute), name);
        }

        var classic = $"{baseUrl}/openai/deployments/{Uri.EscapeDataString(name)}/{operation}?api-version={Uri.EscapeDataString(version)}";
        return new OpenAIUpstreamTarget(new Uri(classic, UriKind.Absolute), null);
    }

    /// <summary>
    /// The deployment's models list (for active health checks); for Azure OpenAI the resource's
    /// <c>/openai/models?api-version=</c> (or <c>/openai/v1/models</c>), not a deployment URL.
    /// </summary>
    public static Uri ModelsUri(RuntimeDeployment deployment)
    {
        if (deployment.ProviderKind != ProviderKinds.AzureOpenAI)
        {
            return new Uri($"{deployment.BaseUrl}/models", UriKind.Absolute);
        }

        var version = deployment.Setting("apiVersion") ?? DefaultAzureApiVersion;
        var baseUrl = deployment.BaseUrl;
        if (baseUrl.EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase))
        {
            return new Uri($"{baseUrl}/models", UriKind.Absolute);
        }

        if (baseUrl.EndsWith("/openai", StringComparison.OrdinalIgnoreCase))
        {
            baseUrl = baseUrl[..^"/openai".Length];
        }

        return version.Equals("v1", StringComparison.OrdinalIgnoreCase)
            ? new Uri($"{baseUrl}/openai/v1/models", UriKind.Absolute)
            : new Uri($"{baseUrl}/openai/models?api-version={Uri.EscapeDataString(version)}", UriKind.Absolute);
    }

    /// <summary>Adds the deployment's credential header (Azure's <c>api-key</c> unless it uses bearer auth; otherwise bearer).</summary>
    public static void Authorize(HttpRequestMessage request, RuntimeDeployment deployment)
    {
        if (deployment.Secret is not { Length: > 0 } secret)
        {
            return;
        }

        if (deployment.ProviderKind == ProviderKinds.AzureOpenAI
            && !string.Equals(deployment.Setting("auth"), "bearer", StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.TryAddWithoutValidation("api-key", secret);
        }
        else
        {
            request.Headers.TryAddWithoutValidation("Authorization", deployment.BearerAuthorization);
        }
    }

    /// <summary>A POST of <paramref name="body"/> to the target with the deployment's credential.</summary>
    public HttpRequestMessage CreateRequest(RuntimeDeployment deployment, HttpContent body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Uri)
        {
            Content = body,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        Authorize(request, deployment);
        return request;
    }
}
