using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;

namespace Switchyard.DataPlane.Embeddings;

/// <summary>Serves embeddings through one kind of provider.</summary>
public interface IEmbeddingProvider
{
    /// <summary>The <c>ProviderKind</c>s this provider serves.</summary>
    IReadOnlyList<string> Kinds { get; }

    Task<ProviderResult<EmbeddingResponse>> EmbedAsync(EmbeddingRequest request, RuntimeDeployment deployment, CancellationToken cancellationToken);
}
