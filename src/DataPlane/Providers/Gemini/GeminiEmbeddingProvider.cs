using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Embeddings;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Streaming;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Providers.Gemini;

/// <summary>
/// Embeddings through Gemini's <c>:batchEmbedContents</c> (one request per input, vectors back in order). Gemini does
/// not report token counts for embeddings, so <see cref="EmbeddingResponse.PromptTokens"/> is an estimate: the inputs'
/// characters divided by 4, rounded up.
/// </summary>
public sealed class GeminiEmbeddingProvider(UpstreamClient upstream) : IEmbeddingProvider
{
    public IReadOnlyList<string> Kinds { get; } = [ProviderKinds.Gemini];

    public async Task<ProviderResult<EmbeddingResponse>> EmbedAsync(EmbeddingRequest request, RuntimeDeployment deployment, CancellationToken cancellationToken)
    {
        var body = new PooledBufferWriter();
        using (var writer = new Utf8JsonWriter(body))
        {
            WriteRequest(writer, request, GeminiHttp.ResourceName(deployment));
        }

        await using var exchange = await upstream.SendAsync(GeminiHttp.Post(deployment, "batchEmbedContents", body), cancellationToken);
        if (!exchange.IsSuccess)
        {
            return await GeminiErrors.FromExchangeAsync(exchange);
        }

        return await UpstreamJson.ReadAsync(exchange, root => Read(root, request, deployment), cancellationToken);
    }

    /// <summary>One vector per input from <c>{"embeddings":[{"values":[...]}]}</c>.</summary>
    private static ProviderResult<EmbeddingResponse> Read(JsonElement root, EmbeddingRequest request, RuntimeDeployment deployment)
    {
        var response = new EmbeddingResponse { UpstreamModel = deployment.UpstreamModel, PromptTokens = EstimateTokens(request.Inputs) };
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("embeddings", out var embeddings) || embeddings.ValueKind != JsonValueKind.Array
            || embeddings.GetArrayLength() != request.Inputs.Count)
        {
            return GatewayError.Upstream("The upstream provider did not return one embedding per input.", "invalid_upstream_response");
        }

        foreach (var embedding in embeddings.EnumerateArray())
        {
            if (!embedding.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array)
            {
                return GatewayError.Upstream("An upstream embedding has no values.", "invalid_upstream_response");
            }

            var vector = new float[values.GetArrayLength()];
            var i = 0;
            foreach (var value in values.EnumerateArray())
            {
                vector[i++] = value.GetSingle();
            }

            response.Vectors.Add(vector);
        }

        return response;
    }

    /// <summary>The estimate used because Gemini reports none: characters / 4, rounded up.</summary>
    internal static int EstimateTokens(List<string> inputs)
    {
        long chars = 0;
        foreach (var input in inputs)
        {
            chars += input.Length;
        }

        return (int)Math.Min(int.MaxValue, (chars + 3) / 4);
    }

    private static void WriteRequest(Utf8JsonWriter w, EmbeddingRequest request, string model)
    {
        w.WriteStartObject();
        w.WriteStartArray("requests");
        foreach (var input in request.Inputs)
        {
            w.WriteStartObject();
            w.WriteString("model", model);
            w.WriteStartObject("content");
            w.WriteStartArray("parts");
            w.WriteStartObject();
            w.WriteString("text", input);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            if (request.Dimensions is { } dimensions)
            {
                w.WriteNumber("outputDimensionality", dimensions);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
