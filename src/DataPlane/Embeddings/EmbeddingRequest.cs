namespace Switchyard.DataPlane.Embeddings;

/// <summary>An embeddings request in canonical form (OpenAI <c>/v1/embeddings</c>).</summary>
public sealed class EmbeddingRequest
{
    public string Model { get; set; } = "";

    /// <summary>The texts to embed, in order (a single string input is one item).</summary>
    public List<string> Inputs { get; } = [];

    /// <summary>Requested vector size, for models that can shorten their output.</summary>
    public int? Dimensions { get; set; }

    /// <summary>The caller wants vectors as base64 little-endian float32 (OpenAI <c>encoding_format:"base64"</c>).</summary>
    public bool Base64 { get; set; }

    public string? User { get; set; }
}
