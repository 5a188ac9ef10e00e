namespace Switchyard.DataPlane.Embeddings;

/// <summary>Vectors in input order, with the tokens the provider counted.</summary>
public sealed class EmbeddingResponse
{
    public List<float[]> Vectors { get; } = [];

    public string? UpstreamModel { get; set; }

    public int PromptTokens { get; set; }
}
