using System.Net.Http.Headers;
using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers.Upstream;

namespace Switchyard.DataPlane.Providers.Gemini;

/// <summary>Builds Gemini API calls (<c>{BaseUrl}/models/{model}:{method}</c>, key in <c>x-goog-api-key</c>) and reads their JSON bodies.</summary>
internal static class GeminiHttp
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>
    /// The model's resource name: <c>models/{UpstreamModel}</c>, or the upstream model itself when it already names a
    /// resource (<c>models/x</c>, <c>tunedModels/x</c>).
    /// </summary>
    public static string ResourceName(RuntimeDeployment deployment) =>
        deployment.UpstreamModel.Contains('/', StringComparison.Ordinal) ? deployment.UpstreamModel : "models/" + deployment.UpstreamModel;

    /// <summary>A POST to <paramref name="method"/> (e.g. <c>generateContent</c>); the key never goes in the query string.</summary>
    public static HttpRequestMessage Post(RuntimeDeployment deployment, string method, ReadOnlyMemory<byte> body, string? query = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{deployment.BaseUrl}/{ResourceName(deployment)}:{method}{query}")
        {
            Content = new ReadOnlyMemoryContent(body),
        };
        request.Content.Headers.ContentType = Json;
        if (deployment.Secret is { Length: > 0 } secret)
        {
            request.Headers.TryAddWithoutValidation("x-goog-api-key", secret);
        }

        return request;
    }

    /// <summary>Parses a successful response body; timeouts, broken connections and bad JSON become errors.</summary>
    public static async Task<ProviderResult<JsonDocument>> ReadJsonAsync(UpstreamExchange exchange, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await exchange.OpenBodyAsync();
            return await JsonDocument.ParseAsync(body, default, exchange.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (exchange.TimedOut)
        {
            return GatewayError.Timeout();
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return GatewayError.Upstream("The connection to the upstream provider was lost while reading its answer.");
        }
        catch (JsonException ex)
        {
            return GatewayError.Upstream("The upstream provider sent an answer the gateway could not read: " + ex.Message, "invalid_upstream_response");
        }
    }
}
