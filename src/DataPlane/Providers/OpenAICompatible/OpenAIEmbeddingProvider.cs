using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Embeddings;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>
/// Embeddings through any OpenAI-compatible upstream: <c>POST {BaseUrl}/embeddings</c> (Azure: the deployment's
/// <c>embeddings</c> URL, classic or v1). Vectors are always requested as floats; base64 answers are decoded too.
/// </summary>
public sealed class OpenAIEmbeddingProvider(UpstreamClient upstream) : IEmbeddingProvider
{
    public IReadOnlyList<string> Kinds { get; } =
    [
        ProviderKinds.OpenAI, ProviderKinds.AzureOpenAI, ProviderKinds.Mistral, ProviderKinds.Groq, ProviderKinds.Together,
        ProviderKinds.DeepSeek, ProviderKinds.Fireworks, ProviderKinds.OpenRouter, ProviderKinds.Vllm, ProviderKinds.Ollama,
    ];

    public async Task<ProviderResult<EmbeddingResponse>> EmbedAsync(EmbeddingRequest request, RuntimeDeployment deployment, CancellationToken cancellationToken)
    {
        await using var exchange = await OpenAIUpstreamCall.SendAsync(upstream, deployment, "embeddings",
            (model, body) => OpenAIEmbeddingWire.WriteRequest(request, model, body), cancellationToken);
        if (await OpenAIUpstreamCall.FailureAsync(exchange) is { } error)
        {
            return error;
        }

        return await OpenAIUpstreamCall.ReadAsync(exchange, OpenAIEmbeddingWire.ReadResponse, cancellationToken);
    }
}
