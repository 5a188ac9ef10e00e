using System.Text.Json.Serialization;

namespace Switchyard.Shared.Configuration;

/// <summary>
/// A deployment's effective price as the control plane resolved it for a snapshot (the deployment's own price, else the
/// tenant's override, else the pricing catalog's row in effect), in USD per million tokens — which is also micro-dollars
/// per token. Both the <c>cost</c> routing strategy and the cost on usage records read this, so they always agree.
/// </summary>
/// <param name="Version">The price version id recorded on every usage record billed at this price.</param>
/// <param name="Source"><c>deployment</c>, <c>tenant</c> or <c>catalog</c>: which level the price came from.</param>
/// <param name="CachedInputPerMTok">Prompt tokens read from the provider's cache; null: the input price.</param>
/// <param name="CacheWritePerMTok">Prompt tokens written to the provider's cache; null: the input price.</param>
/// <param name="ReasoningPerMTok">Reasoning tokens, where priced apart from output; null: the output price.</param>
/// <param name="EmbeddingInputPerMTok">Input tokens of an embeddings request; null: the input price.</param>
public sealed record DeploymentPrice(
    string Version,
    string Source,
    decimal InputPerMTok,
    decimal OutputPerMTok,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? CachedInputPerMTok = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? CacheWritePerMTok = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? ReasoningPerMTok = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? EmbeddingInputPerMTok = null)
{
    public const string FromDeployment = "deployment";
    public const string FromTenant = "tenant";
    public const string FromCatalog = "catalog";
}
