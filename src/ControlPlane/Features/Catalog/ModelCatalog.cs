using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Catalog;

/// <summary>
/// Built-in capabilities of well-known upstream models, matched by the longest prefix of the model id (see
/// <see cref="Find"/>). Unknown models get permissive defaults (<see cref="Unknown"/>) so nothing legitimate is blocked;
/// a deployment can override the result. Used when the control plane builds a snapshot, never per request.
/// </summary>
public static partial class ModelCatalog
{
    /// <summary>The capabilities of <paramref name="upstreamModel"/> served by a provider of <paramref name="providerKind"/>.</summary>
    public static ModelCapabilities Resolve(string providerKind, string upstreamModel) =>
        providerKind == ProviderKinds.Mock
            ? ModelCapabilities.Unrestricted
            : Find(upstreamModel)?.Capabilities ?? Unknown(upstreamModel);

    /// <summary>Permissive defaults for a model the catalog does not know: chat with every feature, embeddings when the id says "embed".</summary>
    public static ModelCapabilities Unknown(string upstreamModel) => new(
        Chat: true,
        Tools: true,
        Vision: true,
        JsonSchema: true,
        Embeddings: upstreamModel.Contains("embed", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The catalog row for a model id, or null. Tries, in order, the id itself (case-insensitive), the part after its last
    /// '/' (OpenRouter "openai/gpt-4o", Together "meta-llama/…", Fireworks "accounts/…/models/…", Bedrock ARNs), that part
    /// without a Bedrock cross-region prefix ("us.", "eu.", "apac.", "global."…) and then without a Bedrock vendor prefix
    /// ("anthropic.", "mistral."); the first of these that matches wins, by its longest matching prefix.
    /// A prefix matches the whole id or an id continuing with '-', ':', '@' or '/' ("gpt-4" matches "gpt-4-0613", not "gpt-4o").
    /// </summary>
    public static ModelCatalogEntry? Find(string upstreamModel)
    {
        foreach (var id in CandidateIds(upstreamModel))
        {
            if (Longest(id) is { } entry)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>
    /// The forms of a model id that <see cref="Find"/> tries, in order (lowercase, distinct): the id, its part after the last
    /// '/', that without a Bedrock cross-region prefix, then without a Bedrock vendor prefix. The pricing catalog matches alike.
    /// </summary>
    public static IEnumerable<string> CandidateIds(string upstreamModel)
    {
        var id = upstreamModel.Trim().ToLowerInvariant();
        if (id.Length == 0)
        {
            yield break;
        }

        yield return id;
        var tail = id[(id.LastIndexOf('/') + 1)..];
        if (tail != id)
        {
            yield return tail;
        }

        var regional = StripPrefix(tail, BedrockGeoPrefixes);
        if (regional != tail)
        {
            yield return regional;
        }

        var unvendored = StripPrefix(regional, BedrockVendorPrefixes);
        if (unvendored != regional)
        {
            yield return unvendored;
        }
    }

    private static readonly string[] BedrockGeoPrefixes = ["us.", "us-gov.", "eu.", "apac.", "global.", "ca.", "jp.", "au."];

    private static readonly string[] BedrockVendorPrefixes = ["anthropic.", "mistral.", "openai."];

    private static string StripPrefix(string id, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (id.StartsWith(prefix, StringComparison.Ordinal))
            {
                return id[prefix.Length..];
            }
        }

        return id;
    }

    private static ModelCatalogEntry? Longest(string id)
    {
        ModelCatalogEntry? best = null;
        foreach (var entry in Table)
        {
            if ((best is null || entry.Prefix.Length > best.Prefix.Length) && Matches(id, entry.Prefix))
            {
                best = entry;
            }
        }

        return best;
    }

    /// <summary>Whether a lowercase model id matches a catalog prefix (see <see cref="Find"/>).</summary>
    public static bool Matches(string id, string prefix) =>
        id.StartsWith(prefix, StringComparison.Ordinal)
        && (id.Length == prefix.Length || prefix[^1] is '-' || id[prefix.Length] is '-' or ':' or '@' or '/');
}
