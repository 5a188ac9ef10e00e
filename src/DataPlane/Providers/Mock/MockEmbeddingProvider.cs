using System.Security.Cryptography;
using System.Text;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Embeddings;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Providers.Mock;

/// <summary>Deterministic unit-length embeddings derived from a hash of each input (same text, same vector).</summary>
public sealed class MockEmbeddingProvider : IEmbeddingProvider
{
    public IReadOnlyList<string> Kinds { get; } = [ProviderKinds.Mock];

    public Task<ProviderResult<EmbeddingResponse>> EmbedAsync(EmbeddingRequest request, RuntimeDeployment deployment, CancellationToken cancellationToken)
    {
        var settings = MockSettings.Of(deployment);
        if (settings.FailStatus is { } status)
        {
            return Task.FromResult<ProviderResult<EmbeddingResponse>>(
                UpstreamErrors.FromStatus(status, $"The mock provider was configured to fail with HTTP {status}.", "mock_failure"));
        }

        var dimensions = request.Dimensions ?? settings.Dimensions;
        var response = new EmbeddingResponse { UpstreamModel = deployment.UpstreamModel };
        foreach (var input in request.Inputs)
        {
            response.Vectors.Add(Vector(input, dimensions));
            response.PromptTokens += Math.Max(1, (input.Length + 3) / 4);
        }

        return Task.FromResult<ProviderResult<EmbeddingResponse>>(response);
    }

    private static float[] Vector(string input, int dimensions)
    {
        var random = new Random(BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(input))));
        var vector = new float[dimensions];
        double norm = 0;
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)(random.NextDouble() * 2 - 1);
            norm += vector[i] * vector[i];
        }

        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] *= scale;
        }

        return vector;
    }
}
